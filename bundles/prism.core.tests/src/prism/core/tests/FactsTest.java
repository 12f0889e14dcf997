package prism.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.core.model.InteractionType.CALL;
import static prism.core.model.InteractionType.COMPLAINT;
import static prism.core.model.InteractionType.QUOTE;
import static prism.core.model.InteractionType.REFUSAL;
import static prism.core.model.InteractionType.SURVEY;
import static prism.core.model.InteractionType.TICKET;
import static prism.testing.CustomerFixture.customer;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import prism.core.facts.Facts;
import prism.core.model.Stage;

/** Every fact of DESIGN.md, at its boundaries. */
class FactsTest {

    static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);

    @Test
    void refundsLowerRevenueButAreNoOrders() {
        Facts f = customer("c", AS_OF).order(10, 100).order(5, 50).refund(3, 30).facts();
        assertEquals(2, f.orders());
        assertEquals(120.0, f.revenue(), 1e-9);
        assertEquals(60.0, f.avgOrderValue(), 1e-9);
        assertEquals(AS_OF.minusDays(5), f.lastOrder(), "a refund is not the last order");
    }

    /** Sums are exact or an error naming the customer: never a revenue wrapped round to a large negative. */
    @Test
    void sumsBeyondWhatIsKeptExactlyAreAnErrorNamingTheCustomer() {
        var c = customer("whale", AS_OF);
        for (int i = 0; i < 99; i++) {
            c.order(i, 9_999_999_999_999.99);
        }
        ArithmeticException e = assertThrows(ArithmeticException.class, c::facts);
        assertTrue(e.getMessage().contains("customer whale"), e.getMessage());
        Facts f = customer("big", AS_OF).order(1, 9_999_999_999_999.99).order(2, 9_999_999_999_999.99).facts();
        assertEquals(19_999_999_999_999.98, f.revenue(), 1e-2);
    }

    @Test
    void recordsAfterTheAsOfDateAreIgnored() {
        Facts f = customer("c", AS_OF).order(0, 100).order(-1, 1000).interaction(-1, COMPLAINT).facts();
        assertEquals(1, f.orders());
        assertEquals(100.0, f.revenue(), 1e-9);
        assertEquals(0, f.recencyDays());
        assertEquals(0, f.count(COMPLAINT));
    }

    @Test
    void within365DaysIsInclusiveOf365() {
        Facts f = customer("c", AS_OF).order(365, 10).order(366, 20).order(364, 40).facts();
        assertEquals(3, f.orders());
        assertEquals(2, f.orders365());
        assertEquals(50.0, f.revenue365(), 1e-9);
        assertEquals(70.0, f.revenue(), 1e-9);
    }

    @Test
    void recencyAndTenure() {
        Facts f = customer("c", AS_OF).order(400, 10).order(12, 20).facts();
        assertEquals(12, f.recencyDays());
        assertEquals(400, f.tenureDays());
        assertEquals(AS_OF.minusDays(400), f.firstOrder());
    }

    @Test
    void firstAndLastOrderDoNotDependOnTheOrderTheRowsArriveIn() {
        // the latest first, the earliest in the middle, and a refund before all of them, which is no order
        Facts f = customer("c", AS_OF).order(12, 20).order(400, 10).order(500, -5).order(30, 7).facts();
        Facts sorted = customer("c", AS_OF).order(500, -5).order(400, 10).order(30, 7).order(12, 20).facts();
        for (Facts x : List.of(f, sorted)) {
            assertEquals(AS_OF.minusDays(400), x.firstOrder());
            assertEquals(AS_OF.minusDays(12), x.lastOrder());
            assertEquals(3, x.orders());
        }
        Facts one = customer("c", AS_OF).order(0, 1).facts(); // an order on the as-of date itself
        assertEquals(AS_OF, one.firstOrder());
        assertEquals(AS_OF, one.lastOrder());
    }

    @Test
    void noOrdersLeavesOrderFactsAbsent() {
        Facts f = customer("c", AS_OF).interaction(3, CALL).facts();
        assertFalse(f.hasOrders());
        assertNull(f.recencyDays());
        assertNull(f.tenureDays());
        assertNull(f.avgOrderValue());
        assertNull(f.discountShare());
        assertNull(f.margin365());
        assertNull(f.interactionsBeforeFirstOrder());
        assertNull(f.value("first_order"));
        assertEquals(0.0, f.revenue());
    }

    @Test
    void discountAndPromoSharesCountOrdersOnly() {
        Facts f = customer("c", AS_OF).order(10, 100, 5, true, false, null).order(9, 100, 0, false, false, null)
                .order(8, 100, 0, true, false, null).order(7, 100, 0, false, false, null).refund(6, 100).facts();
        assertEquals(4, f.orders());
        assertEquals(0.25, f.discountShare(), 1e-9);
        assertEquals(0.5, f.promoShare(), 1e-9);
    }

    @Test
    void customOrdersWithin365() {
        Facts f = customer("c", AS_OF).order(365, 10, 0, false, true, null).order(366, 10, 0, false, true, null)
                .order(3, 10, 0, false, false, null).facts();
        assertEquals(1, f.customOrders365());
    }

    @Test
    void marginOnlyOverRowsWithCostWithin365() {
        Facts f = customer("c", AS_OF).order(10, 100, 0, false, false, 80.0).order(20, 100, 0, false, false, null)
                .order(400, 100, 0, false, false, 500.0).facts();
        assertEquals(20.0, f.margin365(), 1e-9);
        Facts loss = customer("d", AS_OF).order(10, 100, 0, false, false, 130.0).facts();
        assertEquals(-30.0, loss.margin365(), 1e-9);
        Facts none = customer("e", AS_OF).order(10, 100).facts();
        assertNull(none.margin365(), "absent without cost data");
    }

    @Test
    void interactionCountsAllTimeAndWithin90() {
        Facts f = customer("c", AS_OF).interaction(90, TICKET).interaction(91, TICKET).interaction(0, TICKET).facts();
        assertEquals(3, f.count(TICKET));
        assertEquals(2, f.count90(TICKET));
        assertEquals(2, f.value("count90.ticket"));
        assertEquals(3, f.value("count.ticket"));
    }

    @Test
    void lastScoreIsTheLatestInteractionWithAScore() {
        Facts f = customer("c", AS_OF).interaction(30, SURVEY, 9, null).interaction(10, SURVEY, 3, null)
                .interaction(5, CALL).interaction(-2, SURVEY, 10, null).facts();
        assertEquals(3, f.lastScore());
        assertNull(customer("d", AS_OF).interaction(1, CALL).facts().lastScore());
    }

    @Test
    void sameDayScoresAreBrokenByTheGreaterId() {
        // ids are c-i0000 then c-i0001: the second wins, whatever order the rows come in
        Facts f = customer("c", AS_OF).interaction(4, SURVEY, 2, null).interaction(4, SURVEY, 8, null).facts();
        assertEquals(8, f.lastScore());
    }

    @Test
    void interactionsStrictlyBeforeTheFirstOrder() {
        Facts f = customer("c", AS_OF).order(100, 10).interaction(101, CALL).interaction(150, CALL)
                .interaction(100, CALL).interaction(50, CALL).facts();
        assertEquals(2, f.interactionsBeforeFirstOrder(), "the day of the first order does not count");
    }

    @Test
    void pipelineLooksOnlyAfterTheLastOrder() {
        Facts f = customer("c", AS_OF).order(20, 10).interaction(30, CALL, null, Stage.INTERESTED)
                .interaction(20, CALL, null, Stage.NEVER).interaction(10, QUOTE).facts();
        assertNull(f.pipelineStage(), "stages on or before the last order's day do not count");
        assertEquals(QUOTE, f.latestInteractionType());
        assertEquals(AS_OF.minusDays(10), f.latestInteractionDate());

        Facts g = customer("d", AS_OF).order(20, 10).interaction(15, CALL, null, Stage.HESITATING)
                .interaction(5, CALL, null, Stage.NOT_NOW).interaction(2, QUOTE).facts();
        assertEquals(Stage.NOT_NOW, g.pipelineStage());
        assertEquals(QUOTE, g.latestInteractionType());
    }

    @Test
    void withoutOrdersEveryInteractionIsInThePipeline() {
        Facts f = customer("c", AS_OF).interaction(400, CALL, null, Stage.INTERESTED).facts();
        assertEquals(Stage.INTERESTED, f.pipelineStage());
    }

    @Test
    void latestRefusal() {
        Facts f = customer("c", AS_OF).interaction(30, REFUSAL).interaction(10, REFUSAL).interaction(-5, REFUSAL).facts();
        assertEquals(AS_OF.minusDays(10), f.lastRefusal());
    }

    @Test
    void factsByName() {
        Facts f = customer("c", AS_OF).order(10, 100).facts();
        for (String name : Facts.NAMES) {
            f.value(name); // every listed name is answered
        }
        assertEquals(1, f.value("orders"));
        assertEquals(100.0, f.number("revenue_365"));
        assertTrue(Double.isNaN(f.number("margin_365")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.value("revenu"));
        assertTrue(e.getMessage().contains("revenue"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.value("count.gossip"));
    }

    /**
     * Facts keep only the interaction types a customer has, and customers with the same counts share one
     * copy of them: every customer must still read its own counts, whatever the others had.
     */
    @Test
    void everyCustomerReadsItsOwnInteractionCountsAmongManyWithSharedPatterns() {
        java.util.Random rnd = new java.util.Random(7);
        prism.core.model.InteractionType[] types = prism.core.model.InteractionType.values();
        java.util.List<Facts> made = new java.util.ArrayList<>();
        java.util.List<int[][]> expected = new java.util.ArrayList<>();
        for (int c = 0; c < 3_000; c++) {
            prism.core.facts.FactsBuilder b = new prism.core.facts.FactsBuilder(prism.core.model.Customer.of("c" + c), AS_OF);
            int[][] counts = new int[2][types.length];
            for (int k = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(6); k > 0; k--) {
                int t = rnd.nextInt(c % 2 == 0 ? 2 : types.length); // half of them share a few patterns
                int age = rnd.nextInt(200);
                b.interactionInOrder((int) AS_OF.toEpochDay() - age, types[t], -1, null);
                counts[0][t]++;
                counts[1][t] += age <= 90 ? 1 : 0;
            }
            made.add(b.build());
            expected.add(counts);
        }
        for (int c = 0; c < made.size(); c++) {
            for (prism.core.model.InteractionType t : types) {
                assertEquals(expected.get(c)[0][t.ordinal()], made.get(c).count(t), "customer " + c + ", " + t);
                assertEquals(expected.get(c)[1][t.ordinal()], made.get(c).count90(t), "customer " + c + ", " + t + " in 90 days");
            }
        }
    }
}
