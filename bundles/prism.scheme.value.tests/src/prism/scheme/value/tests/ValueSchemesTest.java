package prism.scheme.value.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.testing.CustomerFixture.customer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import prism.core.facts.Facts;
import prism.core.scheme.Assignment;
import prism.core.scheme.Population;
import prism.core.scheme.Settings;
import prism.testing.CustomerFixture;
import prism.scheme.value.internal.RfmScheme;
import prism.scheme.value.internal.ValueTierScheme;

class ValueSchemesTest {

    static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
    final ValueTierScheme tier = new ValueTierScheme();
    final RfmScheme rfm = new RfmScheme();

    /** Ten buyers with the given revenues (one order each), plus one customer without orders. */
    static List<Facts> buyers(double... revenues) {
        List<Facts> all = new ArrayList<>();
        for (int i = 0; i < revenues.length; i++) {
            all.add(customer("c" + i, AS_OF).order(10, revenues[i]).facts());
        }
        all.add(customer("none", AS_OF).facts());
        return all;
    }

    String tierOf(List<Facts> all, int i, Settings s) {
        return CustomerFixture.classify(tier, all.get(i), new Population(all), s).classId();
    }

    @Test
    void tierThresholdsAtTheirBoundaries() {
        List<Facts> all = buyers(100, 90, 80, 70, 60, 50, 40, 30, 20, 10); // n = 10: high if above < 2, medium if < 5
        Settings d = Settings.defaults(tier);
        assertEquals("high", tierOf(all, 0, d));
        assertEquals("high", tierOf(all, 1, d), "above = 1, one below the threshold");
        assertEquals("medium", tierOf(all, 2, d), "above = 2 = 0.2·n is not < 0.2·n");
        assertEquals("medium", tierOf(all, 4, d), "above = 4");
        assertEquals("low", tierOf(all, 5, d), "above = 5 = 0.5·n");
        assertEquals("low", tierOf(all, 9, d));
        assertEquals("none", tierOf(all, 10, d), "no orders");
    }

    @Test
    void tiesShareTheBetterClass() {
        List<Facts> all = buyers(100, 90, 90, 90, 60, 50, 50, 50, 50, 10);
        Settings d = Settings.defaults(tier);
        for (int i = 1; i <= 3; i++) {
            assertEquals("high", tierOf(all, i, d), "tied with above = 1");
        }
        for (int i = 5; i <= 8; i++) {
            assertEquals("low", tierOf(all, i, d), "tied with above = 5");
        }
        assertEquals("medium", tierOf(all, 4, d));
    }

    @Test
    void refundsLowerTheRankAndRefundOnlyCustomersHaveNoTier() {
        Facts refunded = customer("r", AS_OF).order(30, 1000).refund(20, 950).facts();
        Facts onlyRefund = customer("o", AS_OF).refund(20, 50).facts();
        Facts big = customer("b", AS_OF).order(30, 100).facts();
        List<Facts> all = List.of(refunded, onlyRefund, big);
        Population p = new Population(all);
        assertEquals("high", CustomerFixture.classify(tier, big, p, Settings.defaults(tier)).classId());
        assertEquals("low", CustomerFixture.classify(tier, refunded, p, Settings.defaults(tier)).classId());
        assertEquals("none", CustomerFixture.classify(tier, onlyRefund, p, Settings.defaults(tier)).classId());
    }

    @Test
    void tierSettingsMoveTheThreshold() {
        List<Facts> all = buyers(100, 90, 80, 70, 60, 50, 40, 30, 20, 10);
        assertEquals("high", tierOf(all, 2, Settings.of(tier, Map.of("highShare", "0.3"))));
    }

    @Test
    void tierExplanationNamesRuleAndValues() {
        List<Facts> all = buyers(100, 90, 80, 70, 60, 50, 40, 30, 20, 10);
        Assignment a = CustomerFixture.classify(tier, all.get(2), new Population(all), Settings.defaults(tier));
        assertEquals("above < 0.5·n [revenue=80, above=2, n=10]", a.explanation().toString());
    }

    @ParameterizedTest
    @CsvSource({"0,10,1", "1,10,1", "2,10,2", "3,10,2", "4,10,3", "7,10,4", "8,10,5", "9,10,5", "0,1,1", "4,5,5"})
    void quintileIsOnePlusFloorFiveKOverNCappedAtFive(int k, int n, int expected) throws Exception {
        var m = RfmScheme.class.getDeclaredMethod("quintile", int.class, int.class);
        m.setAccessible(true);
        assertEquals(expected, m.invoke(null, k, n));
    }

    @ParameterizedTest
    @CsvSource({"1,1,hibernating", "2,2,hibernating", "1,3,at_risk", "2,4,at_risk", "1,5,cannot_lose", "2,5,cannot_lose",
            "3,1,about_to_sleep", "3,2,about_to_sleep", "3,3,need_attention", "3,4,loyal", "3,5,loyal", "4,4,loyal",
            "4,5,loyal", "4,1,promising", "5,1,new", "4,2,potential_loyalist", "4,3,potential_loyalist",
            "5,2,potential_loyalist", "5,3,potential_loyalist", "5,4,champions", "5,5,champions"})
    void segmentMapFromRAndF(int r, int f, String segment) throws Exception {
        var m = RfmScheme.class.getDeclaredMethod("segment", int.class, int.class);
        m.setAccessible(true);
        assertEquals(segment, m.invoke(null, r, f));
    }

    @Test
    void rfmScoresOverAPopulation() {
        // Five buyers: c0 bought most recently, most often and most; c4 the opposite.
        List<Facts> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CustomerFixture c = customer("c" + i, AS_OF);
            for (int k = 0; k < 5 - i; k++) {
                c.order(10 + 100 * i + k, 100);
            }
            all.add(c.facts());
        }
        all.add(customer("x", AS_OF).facts());
        Population p = new Population(all);
        Assignment best = CustomerFixture.classify(rfm, all.get(0), p, Settings.defaults(rfm));
        assertEquals("champions", best.classId());
        assertEquals(555.0, best.score());
        Assignment worst = CustomerFixture.classify(rfm, all.get(4), p, Settings.defaults(rfm));
        assertEquals("hibernating", worst.classId());
        assertEquals(111.0, worst.score());
        assertEquals("none", CustomerFixture.classify(rfm, all.get(5), p, Settings.defaults(rfm)).classId());
        assertTrue(best.explanation().toString().startsWith("R 5 & F 4–5 [R=5, F=5, M=5"), best.explanation().toString());
    }

    @Test
    void rfmTiesInRecencyShareTheirQuintile() {
        List<Facts> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(customer("c" + i, AS_OF).order(i < 5 ? 5 : 50 + i, 100).facts());
        }
        Population p = new Population(all);
        for (int i = 0; i < 5; i++) {
            // five tied most-recent buyers: k = 5 less recent ones → R = 1 + ⌊25/10⌋ = 3
            assertEquals(3, (int) (CustomerFixture.classify(rfm, all.get(i), p, Settings.defaults(rfm)).score() / 100));
        }
    }
}
