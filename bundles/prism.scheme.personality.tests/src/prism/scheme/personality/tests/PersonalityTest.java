package prism.scheme.personality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static prism.core.model.InteractionType.CALL;
import static prism.core.model.InteractionType.COMPLAINT;
import static prism.core.model.InteractionType.QUESTION;
import static prism.core.model.InteractionType.REFERRAL;
import static prism.core.model.InteractionType.REVIEW;
import static prism.core.model.InteractionType.SURVEY;
import static prism.core.model.InteractionType.TICKET;
import static prism.testing.CustomerFixture.customer;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import prism.core.scheme.Assignment;
import prism.core.scheme.Population;
import prism.core.scheme.Settings;
import prism.testing.CustomerFixture;
import prism.scheme.personality.internal.PersonalityScheme;

class PersonalityTest {

    static final LocalDate AS_OF = LocalDate.of(2025, 9, 1);
    final PersonalityScheme scheme = new PersonalityScheme();

    Assignment assign(CustomerFixture c) {
        return CustomerFixture.classify(scheme, c.facts(), new Population(List.of()), Settings.defaults(scheme));
    }

    String type(CustomerFixture c) {
        return assign(c).classId();
    }

    static CustomerFixture c() {
        return customer("c", AS_OF);
    }

    /** Five orders over two years, the last one recent: loyal unless a service state comes first. */
    static CustomerFixture loyalBuyer() {
        return c().order(700, 100).order(500, 100).order(300, 100).order(100, 100).order(20, 100);
    }

    @Test
    void angryFromARecentComplaint() {
        assertEquals("angry", type(loyalBuyer().interaction(90, COMPLAINT)));
        assertEquals("loyal", type(loyalBuyer().interaction(91, COMPLAINT)));
    }

    @Test
    void angryFromALowScore() {
        assertEquals("angry", type(c().interaction(5, SURVEY, 4, null)));
        assertEquals("unpredictable", type(c().interaction(5, SURVEY, 5, null)));
        assertEquals("unpredictable", type(c().interaction(9, SURVEY, 2, null).interaction(5, SURVEY, 7, null)),
                "only the latest score counts");
        assertEquals("angry", type(c().interaction(5, SURVEY, 0, null)));
    }

    @Test
    void demandingAndCurious() {
        assertEquals("demanding", type(c().interactions(3, 90, TICKET)));
        assertEquals("unpredictable", type(c().interactions(2, 10, TICKET).interaction(91, TICKET)));
        assertEquals("curious", type(c().interactions(3, 0, QUESTION)));
        assertEquals("unpredictable", type(c().interactions(2, 0, QUESTION)));
        assertEquals("demanding", type(c().interactions(3, 1, TICKET).interactions(3, 1, QUESTION)), "demanding comes first");
    }

    @Test
    void advocate() {
        assertEquals("advocate", type(loyalBuyer().interaction(800, REFERRAL)), "a referral at any time");
        assertEquals("advocate", type(c().interaction(100, REVIEW).interaction(3, SURVEY, 9, null)));
        assertEquals("unpredictable", type(c().interaction(100, REVIEW).interaction(3, SURVEY, 8, null)));
        assertEquals("unpredictable", type(c().interaction(3, SURVEY, 10, null)), "a high score without a review");
    }

    @Test
    void loyalBoundaries() {
        assertEquals("loyal", type(c().order(365, 1).order(300, 1).order(250, 1).order(200, 1).order(180, 1)));
        assertEquals("unpredictable", type(c().order(364, 1).order(300, 1).order(250, 1).order(200, 1).order(180, 1)),
                "tenure 364");
        assertEquals("unpredictable", type(c().order(365, 1).order(300, 1).order(250, 1).order(200, 1).order(181, 1)),
                "recency 181");
        assertEquals("unpredictable", type(c().order(365, 1).order(300, 1).order(250, 1).order(180, 1)), "four orders");
    }

    @Test
    void bargainHunterAndImpulse() {
        assertEquals("bargain_hunter", type(c().order(200, 100, 10, false, false, null).order(150, 100)), "share 0.5");
        assertEquals("unpredictable", type(c().order(200, 100, 10, false, false, null).order(150, 100).order(120, 100)),
                "share 1/3");
        assertEquals("unpredictable", type(c().order(200, 100, 10, false, false, null)), "a single order");
        assertEquals("impulse", type(c().order(200, 100, 0, true, false, null)));
        assertEquals("impulse", type(c().order(200, 100, 0, true, false, null).order(150, 100)), "share 0.5");
        assertEquals("unpredictable", type(c().order(200, 100, 0, true, false, null).order(150, 100).order(120, 100)));
    }

    @Test
    void informedNewAndFree() {
        assertEquals("informed", type(c().interactions(5, 200, CALL).order(150, 100)));
        assertEquals("unpredictable", type(c().interactions(4, 200, CALL).order(150, 100)));
        assertEquals("new", type(c().order(90, 100)));
        assertEquals("unpredictable", type(c().order(91, 100)));
        assertEquals("informed", type(c().interactions(5, 100, CALL).order(30, 100)), "informed before new");
        assertEquals("free", type(c().plan("Free ")));
        assertEquals("unpredictable", type(c().plan("paid")));
        assertEquals("new", type(c().plan("free").order(10, 100)), "a free plan with orders");
    }

    @Test
    void settingsOfZeroNeverBreakOnCustomersWithoutOrders() {
        Settings s = Settings.of(scheme, Map.of("loyalOrders", "0", "bargainOrders", "0"));
        assertEquals("unpredictable", CustomerFixture.classify(scheme, c().facts(), new Population(List.of()), s).classId());
    }

    @Test
    void explanationAndSettings() {
        Assignment a = assign(c().interactions(3, 5, TICKET));
        assertEquals("count90.ticket ≥ 3 [count90.ticket=3]", a.explanation().toString());
        Settings s = Settings.of(scheme, Map.of("demandingTickets90", "4"));
        assertEquals("unpredictable", CustomerFixture.classify(scheme, c().interactions(3, 5, TICKET).facts(), new Population(List.of()), s).classId());
    }
}
