package prism.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.testing.CustomerFixture.customer;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import prism.core.facts.Facts;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Explanation;
import prism.core.scheme.Population;
import prism.core.scheme.SchemeClass;
import prism.core.scheme.Setting;
import prism.core.scheme.Settings;
import prism.testing.CustomerFixture;

class PopulationAndSettingsTest {

    static final LocalDate AS_OF = LocalDate.of(2025, 1, 1);

    @Test
    void rankingCountsStrictlyGreaterAndLessWithTies() {
        Population.Ranking r = Population.Ranking.of(new double[] {5, 1, 3, 3, 3, 9});
        assertEquals(6, r.n());
        assertEquals(2, r.countGreater(3));
        assertEquals(1, r.countLess(3));
        assertEquals(0, r.countGreater(9));
        assertEquals(6, r.countGreater(0));
        assertEquals(6, r.countLess(10));
    }

    /** Whole numbers take the table of counts, the rest the block index: both must count as plain scans do. */
    @Test
    void rankingCountsAgreeWithAScanForWholeAndFractionalValuesOfEverySize() {
        java.util.Random random = new java.util.Random(42);
        for (int n : new int[] {1, 2, 63, 64, 65, 127, 128, 129, 1000, 5000}) {
            for (boolean whole : new boolean[] {true, false}) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = whole ? random.nextInt(200) - 20 : Math.round(random.nextGaussian() * 5000) / 100.0;
                }
                Population.Ranking r = Population.Ranking.of(v);
                java.util.List<Double> probes = new java.util.ArrayList<>(List.of(-1e9, 1e9, -21.0, 180.0, 0.0, -0.0, 0.5,
                        -0.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
                for (int k = 0; k < 300; k++) {
                    probes.add(v[random.nextInt(n)] + (k % 3 == 0 ? 0 : k % 3 == 1 ? 0.25 : -0.75));
                }
                for (double p : probes) {
                    int greater = 0, less = 0;
                    for (double x : v) {
                        greater += x > p ? 1 : 0;
                        less += x < p ? 1 : 0;
                    }
                    String what = (whole ? "whole" : "fractional") + " n=" + n + " at " + p;
                    assertEquals(greater, r.countGreater(p), "greater, " + what);
                    assertEquals(less, r.countLess(p), "less, " + what);
                }
            }
        }
        Population.Ranking wide = Population.Ranking.of(new double[] {0, 1e12, 5, 5}); // too wide for a table
        assertEquals(3, wide.countGreater(4));
        assertEquals(3, wide.countLess(1e12));
    }

    /**
     * Revenue-like values: skewed, with ties, refunds below zero and outliers far out, many enough for the
     * table of buckets; counts must still be a plain scan's, in the middle, in the tails and beyond.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} values")
    @org.junit.jupiter.params.provider.ValueSource(ints = {60_000, 250_000}) // under and over the bucket table's cap
    void rankingCountsAgreeWithAScanForSkewedValuesWithOutliers(int n) {
        java.util.Random random = new java.util.Random(7);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x = Math.round(Math.exp(random.nextGaussian() * 1.5 + 6) * 100) / 100.0;
            v[i] = i % 97 == 0 ? -x / 10 : i % 1013 == 0 ? x * 1e9 : i % 5 == 0 ? 250.0 : i % 11 == 0 ? 0.0 : x;
        }
        v[1] = -0.0;
        v[2] = Double.MAX_VALUE;
        v[3] = -Double.MAX_VALUE;
        Population.Ranking r = Population.Ranking.of(v);
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        java.util.List<Double> probes = new java.util.ArrayList<>(List.of(0.0, -0.0, 250.0, 249.99, 250.01,
                Double.MAX_VALUE, -Double.MAX_VALUE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.MIN_VALUE,
                -Double.MIN_VALUE, sorted[n / 1024], sorted[n / 1024 - 1], sorted[n - 1 - n / 1024], sorted[n - n / 1024]));
        for (int k = 0; k < 3000; k++) {
            double x = v[random.nextInt(n)];
            probes.add(k % 3 == 0 ? x : k % 3 == 1 ? Math.nextUp(x) : Math.nextDown(x));
        }
        for (double p : probes) {
            int greater = 0, less = 0;
            for (double x : v) {
                greater += x > p ? 1 : 0;
                less += x < p ? 1 : 0;
            }
            assertEquals(greater, r.countGreater(p), "greater at " + p);
            assertEquals(less, r.countLess(p), "less at " + p);
        }
    }

    @Test
    void buyerRankingsLeaveOutCustomersWithoutOrders() {
        Facts a = customer("a", AS_OF).order(1, 100).facts();
        Facts b = customer("b", AS_OF).order(1, 300).facts();
        Facts none = customer("n", AS_OF).facts();
        Population p = CustomerFixture.population(a, b, none);
        assertEquals(3, p.size());
        assertEquals(2, p.amongBuyers("revenue").n());
        assertEquals(1, p.amongBuyers("revenue").countGreater(100));
    }

    static final ClassificationScheme SCHEME = new ClassificationScheme() {
        @Override public String id() { return "test.scheme"; }
        @Override public String name() { return "Test"; }
        @Override public String description() { return ""; }
        @Override public List<SchemeClass> classes() { return List.of(new SchemeClass("a", "A", "#000000", "", "")); }
        @Override public List<Setting> settings() {
            return List.of(Setting.integer("days", "Days", 90, ""), Setting.decimal("share", "Share", 0.5, ""));
        }
        @Override public Assignment classify(Facts f, Population p, Settings s) {
            return Assignment.of("a", Explanation.of("always"));
        }
    };

    @Test
    void settingsOverlayDefaults() {
        Settings s = Settings.of(SCHEME, Map.of("days", " 30 "));
        assertEquals(30, s.integer("days"));
        assertEquals(0.5, s.decimal("share"));
        assertEquals(90, Settings.defaults(SCHEME).integer("days"));
    }

    @Test
    void unknownSettingNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.of(SCHEME, Map.of("dayz", "3")));
        assertTrue(e.getMessage().contains("test.scheme.dayz") && e.getMessage().contains("test.scheme.days"), e.getMessage());
    }

    @Test
    void badSettingValueSaysWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.of(SCHEME, Map.of("days", "ten")));
        assertTrue(e.getMessage().contains("whole number") && e.getMessage().contains("ten"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Settings.of(SCHEME, Map.of("share", "NaN")));
    }

    @Test
    void numbersInExplanationsHaveTwoDecimalsOrNone() {
        assertEquals("12.50", Explanation.format(12.5));
        assertEquals("0.05", Explanation.format(0.05));
        assertEquals("-3.46", Explanation.format(-3.456));
        assertEquals("1234", Explanation.format(1234.0));
        assertEquals("0.33", Explanation.format(1.0 / 3));
        assertEquals("none", Explanation.format(null));
    }

    @Test
    void explanationNamesRuleAndValues() {
        assertEquals("recency_days > 180 [recency_days=212, revenue=12.50, last=none]",
                Explanation.of("recency_days > 180", "recency_days", 212, "revenue", 12.5, "last", null).toString());
    }
}
