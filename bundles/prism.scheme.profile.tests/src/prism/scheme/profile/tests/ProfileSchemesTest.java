package prism.scheme.profile.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.core.model.InteractionType.COMPLAINT;
import static prism.core.model.InteractionType.QUESTION;
import static prism.core.model.InteractionType.REVIEW;
import static prism.core.model.InteractionType.TICKET;
import static prism.testing.CustomerFixture.customer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import prism.core.facts.Facts;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Population;
import prism.core.scheme.Settings;
import prism.scheme.profile.internal.DecisionFactorScheme;
import prism.scheme.profile.internal.NeedsLevelScheme;
import prism.testing.CustomerFixture;

class ProfileSchemesTest {

    static final LocalDate AS_OF = LocalDate.of(2025, 9, 1);
    final NeedsLevelScheme needs = new NeedsLevelScheme();
    final DecisionFactorScheme decision = new DecisionFactorScheme();

    static CustomerFixture c() {
        return customer("c", AS_OF);
    }

    static Assignment assign(ClassificationScheme scheme, Facts f, Population p, Map<String, String> settings) {
        return CustomerFixture.classify(scheme, f, p, Settings.of(scheme, settings));
    }

    String needs(CustomerFixture c, Map<String, String> settings) {
        return assign(needs, c.facts(), new Population(List.of()), settings).classId();
    }

    String needs(CustomerFixture c) {
        return needs(c, Map.of());
    }

    /** The decision factor of {@code c} in a population of {@code c} and ten buyers of 50 a full-price order. */
    Assignment decide(CustomerFixture c, Map<String, String> settings) {
        List<Facts> all = new ArrayList<>();
        Facts f = c.facts();
        all.add(f);
        for (int i = 0; i < 10; i++) {
            all.add(customer("b" + i, AS_OF).order(30, 50).facts());
        }
        return assign(decision, f, new Population(all), settings);
    }

    String decision(CustomerFixture c) {
        return decide(c, Map.of()).classId();
    }

    @Test
    void needsLevelBoundaries() {
        assertEquals("none", needs(c()));
        assertEquals("none", needs(c().interactions(5, 3, TICKET)), "interactions without orders");
        assertEquals("basic", needs(c().order(10, 80)));
        assertEquals("special", needs(c().order(365, 80, 0, false, true, null)), "a custom order 365 days ago counts");
        assertEquals("basic", needs(c().order(366, 80, 0, false, true, null)), "one 366 days ago does not");
        assertEquals("basic", needs(c().order(10, 80, 0, false, true, null), Map.of("specialOrders", "2")));
        assertEquals("special", needs(c().order(10, 80, 0, false, true, null).order(20, 80, 0, false, true, null),
                Map.of("specialOrders", "2")));
    }

    @Test
    void needsExplanationNamesTheRule() {
        Assignment a = assign(needs, c().order(10, 80, 0, false, true, null).facts(), new Population(List.of()), Map.of());
        assertEquals("custom_orders_365 ≥ 1", a.explanation().rule());
        assertNull(a.score());
    }

    @Test
    void priceComesFirst() {
        CustomerFixture discounted = c().order(10, 500, 50, false, false, null).order(40, 500);
        assertEquals("price", decision(discounted), "discount_share 0.5 with 2 orders");
        assertEquals("price", decision(c().order(10, 500, 0, true, false, null).order(40, 500)), "promo_share 0.5");
        assertEquals("price", decision(discounted.interactions(3, 5, TICKET)), "price before service");
        assertEquals("balanced", decision(c().order(10, 500, 50, false, false, null)),
                "one order is never price, and a discounted one is no quality");
        assertEquals("balanced", decision(c().order(10, 500, 50, false, false, null).order(40, 500).order(50, 500)),
                "discount_share 1/3 is neither price nor quality");
    }

    @Test
    void serviceCountsTicketsQuestionsAndComplaints() {
        assertEquals("service", decision(c().order(10, 50).interaction(3, TICKET).interaction(400, QUESTION)
                .interaction(800, COMPLAINT)), "at any time");
        assertEquals("balanced", decision(c().order(10, 40).interaction(3, TICKET).interaction(4, QUESTION)
                .interaction(5, REVIEW)), "a review is no service contact");
        assertEquals("service", decision(c().order(10, 500).interactions(3, 2, COMPLAINT)), "service before quality");
        assertEquals("balanced", decide(c().order(10, 40).interactions(3, 2, TICKET), Map.of("serviceContacts", "4")).classId());
    }

    @Test
    void qualityIsTheTopFifthByAverageOrderValueAtFullPrice() {
        // Eleven buyers: ten at 50 and this one; above < 0.2·11 = 2.2
        assertEquals("quality", decision(c().order(10, 51)), "above = 0");
        assertEquals("quality", decision(c().order(10, 50)), "ties share the better class: above = 0 for all eleven");
        assertEquals("balanced", decision(c().order(10, 49)), "above = 10");
        assertEquals("balanced", decision(c().order(10, 500, 20, false, false, null).order(20, 500).order(30, 500)
                .order(40, 500).order(50, 500)), "discount_share 0.2 is not below 0.2");
        assertEquals("quality", decision(c().order(10, 500, 20, false, false, null).order(20, 500).order(30, 500)
                .order(40, 500).order(50, 500).order(60, 500)), "discount_share 1/6");
        Assignment a = decide(c().order(10, 80), Map.of());
        assertEquals("above < 0.20·n by avg_order_value and discount_share < 0.20", a.explanation().rule());
    }

    @Test
    void qualityAtTheExactShare() {
        // Ten buyers at 10, 20, …, 100: above < 0.2·10 = 2 holds for 100 (above 0) and 90 (above 1), not for 80
        List<Facts> all = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            all.add(customer("b" + i, AS_OF).order(30, 10 * i).facts());
        }
        Population p = new Population(all);
        assertEquals(List.of("balanced", "balanced", "balanced", "balanced", "balanced", "balanced", "balanced", "balanced",
                "quality", "quality"), all.stream().map(f -> assign(decision, f, p, Map.of()).classId()).toList());
        assertEquals("quality", assign(decision, all.get(7), p, Map.of("qualityShare", "0.3")).classId(), "80 with a 30 % share");
    }

    @Test
    void noneWithoutOrders() {
        assertEquals("none", decision(c().interactions(4, 3, TICKET)));
    }
}
