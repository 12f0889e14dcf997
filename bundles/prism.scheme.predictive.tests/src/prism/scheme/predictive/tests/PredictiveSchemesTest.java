package prism.scheme.predictive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import prism.core.facts.Facts;
import prism.core.facts.FactsBuilder;
import prism.core.model.Customer;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.FittedModel;
import prism.core.scheme.Population;
import prism.core.scheme.RunContext;
import prism.core.scheme.Settings;
import prism.scheme.predictive.internal.ChurnScheme;
import prism.scheme.predictive.internal.ClvScheme;

/**
 * value.clv and value.churn as the engine runs them: facts built from order rows, one shared fit per run,
 * the published CDNOW figures through the schemes, and degenerate populations that get "cannot fit" and
 * class none, never NaN.
 */
class PredictiveSchemesTest {

    private static Customer customer(String id) {
        return new Customer(id, null, null, null, null, null, null, null, null, null, null, Map.of());
    }

    /** Facts of customers given as id → order rows (day offset from as-of, amount), rows in the order given. */
    private static List<Facts> facts(LocalDate asOf, Map<String, double[][]> orders) {
        List<Facts> out = new ArrayList<>();
        new TreeMap<>(orders).forEach((id, rows) -> {
            FactsBuilder b = new FactsBuilder(customer(id), asOf);
            for (double[] r : rows) {
                b.order((int) (asOf.toEpochDay() + (long) r[0]), r[1], 0, false, false, Double.NaN);
            }
            out.add(b.build());
        });
        return out;
    }

    private record Run(Map<String, Assignment> clv, Map<String, Assignment> churn, FittedModel clvModel, FittedModel churnModel) {
    }

    /** Both schemes over one population with one shared map, as the engine runs them. */
    private static Run run(LocalDate asOf, List<Facts> facts, Map<String, String> clvSettings) {
        Population population = new Population(facts);
        Map<Object, Object> shared = new HashMap<>();
        ClassificationScheme clv = new ClvScheme(), churn = new ChurnScheme();
        Classifier c = clv.prepare(RunContext.of(asOf, Settings.of(clv, clvSettings), population, shared));
        Classifier h = churn.prepare(RunContext.of(asOf, Settings.defaults(churn), population, shared));
        Map<String, Assignment> a = new HashMap<>(), b = new HashMap<>();
        for (Facts f : facts) {
            a.put(f.customer().id(), c.classify(f));
            b.put(f.customer().id(), h.classify(f));
        }
        return new Run(a, b, c.model(), h.model());
    }

    @Test
    void purchaseDaysCountFreeOrdersNotRefundsAndMergeADaysRows() {
        LocalDate asOf = LocalDate.of(2026, 3, 31);
        // out of date order; two rows on day -10; a free order on day -3; a refund alone on day -1
        Facts f = facts(asOf, Map.of("c", new double[][] {{-10, 30}, {-40, 20}, {-10, 50}, {-3, 0}, {-1, -15}})).get(0);
        assertEquals(3, f.purchaseDays());
        assertEquals(asOf.minusDays(40), f.firstPurchase());
        assertEquals(asOf.minusDays(3), f.lastPurchase());
        Facts.PurchaseHistory h = f.purchaseHistory();
        assertEquals(2, h.x());
        assertEquals(37, h.txDays());
        assertEquals(40, h.tDays());
        assertEquals((30 + 50 + 0) / 2.0, h.meanRepeatValue(), 1e-9, "the mean of the repeat days' sums, the first day left out");
        assertEquals(3, f.value("purchase_days"));
        Facts none = facts(asOf, Map.of("d", new double[][] {{-5, -20}})).get(0);
        assertEquals(0, none.purchaseDays());
        assertNull(none.purchaseHistory());
        Facts later = facts(asOf, Map.of("e", new double[][] {{2, 100}})).get(0);
        assertNull(later.purchaseHistory(), "an order after the as-of date is no purchase day");
    }

    @Test
    void cdnowThroughTheSchemesGivesThePublishedModelAndSaneClasses() throws Exception {
        LocalDate end = LocalDate.of(1997, 9, 30);
        Map<String, List<double[]>> rows = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/data/CDNOW_sample.txt"), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null;) {
                String[] f = line.trim().split("\\s+");
                LocalDate d = LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE);
                rows.computeIfAbsent(f[1], k -> new ArrayList<>()).add(new double[] {d.toEpochDay() - end.toEpochDay(), Double.parseDouble(f[4])});
            }
        }
        Map<String, double[][]> orders = new HashMap<>();
        rows.forEach((id, l) -> orders.put(id, l.toArray(double[][]::new)));
        Run run = run(end, facts(end, orders), Map.of());
        FittedModel m = run.clvModel();
        assertTrue(m.fitted(), String.valueOf(m.cannotFit()));
        assertEquals(0.243, m.parameters().get("r"), 0.243 * 0.005);
        assertEquals(4.414, m.parameters().get("alpha"), 4.414 * 0.005);
        assertEquals(0.793, m.parameters().get("a"), 0.793 * 0.005);
        assertEquals(2.426, m.parameters().get("b"), 2.426 * 0.005);
        assertEquals(6.25, m.parameters().get("p"), 6.25 * 0.005);
        assertEquals(3.74, m.parameters().get("q"), 3.74 * 0.005);
        assertEquals(15.44, m.parameters().get("gamma"), 15.44 * 0.005);
        assertEquals(2357, m.fit().get("bgnbd_customers"));
        assertEquals(List.of("r", "alpha", "a", "b"), List.copyOf(run.churnModel().parameters().keySet()));
        assertEquals(m.parameters().get("r"), run.churnModel().parameters().get("r"), "one fit shared by both schemes");
        // customer 0001: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks
        Run horizon39 = run(end, facts(end, orders), Map.of("horizonWeeks", "39"));
        Assignment c1 = horizon39.clv().get("0001");
        assertEquals(1.226, (Double) c1.explanation().values().get("expected_purchases"), 1.226 * 0.005);
        assertEquals(39, c1.explanation().values().get("horizon_weeks"));
        double value = (Double) c1.explanation().values().get("predicted_value");
        assertEquals(value, c1.score(), 1e-9);
        assertTrue(value > 0);
        Map<String, Integer> classes = new TreeMap<>();
        run.clv().values().forEach(a -> classes.merge(a.classId(), 1, Integer::sum));
        assertEquals(2357, classes.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(classes.get("top") <= 0.2 * 2357 + 50 && classes.get("top") > 0.15 * 2357, "top is about a fifth: " + classes);
        assertFalse(classes.containsKey("none"), "everyone bought: " + classes);
        Map<String, Integer> churn = new TreeMap<>();
        run.churn().values().forEach(a -> {
            churn.merge(a.classId(), 1, Integer::sum);
            if (a.score() != null) {
                assertTrue(a.score() >= 0 && a.score() <= 1, "P(alive) " + a.score());
            }
        });
        assertEquals(1411, churn.get("one_time"), "CDNOW's sample has 1,411 customers who bought on one day only: " + churn);
        assertEquals("2", String.valueOf(run.churn().get("0001").explanation().values().get("x")));
    }

    @Test
    void degeneratePopulationsGetCannotFitAndClassNoneNeverNaN() {
        LocalDate asOf = LocalDate.of(2026, 3, 31);
        // nobody bought twice
        Run once = run(asOf, facts(asOf, Map.of("a", new double[][] {{-5, 10}}, "b", new double[][] {{-50, 20}},
                "c", new double[][] {}, "d", new double[][] {{-90, 5}})), Map.of());
        assertFalse(once.clvModel().fitted());
        assertTrue(once.clvModel().cannotFit().contains("bought twice"), once.clvModel().cannotFit());
        for (String id : List.of("a", "b", "d")) {
            assertEquals("none", once.clv().get(id).classId());
            assertTrue(once.clv().get(id).explanation().rule().startsWith("cannot fit: "), once.clv().get(id).explanation().rule());
            assertEquals("one_time", once.churn().get(id).classId());
        }
        assertEquals("none", once.clv().get("c").classId());
        assertEquals("none", once.churn().get("c").classId());
        // one customer, who bought three times
        Run one = run(asOf, facts(asOf, Map.of("a", new double[][] {{-50, 10}, {-20, 12}, {-3, 8}})), Map.of());
        assertFalse(one.churnModel().fitted());
        assertEquals("none", one.churn().get("a").classId());
        assertNull(one.churn().get("a").score());
        // every customer alike
        Map<String, double[][]> same = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            same.put("c" + i, new double[][] {{-60, 10}, {-30, 10}});
        }
        Run alike = run(asOf, facts(asOf, same), Map.of());
        assertFalse(alike.clvModel().fitted());
        assertTrue(alike.clvModel().cannotFit().contains("same purchase history"), alike.clvModel().cannotFit());
        alike.clv().values().forEach(a -> assertEquals("none", a.classId()));
        // nobody at all
        Run empty = run(asOf, List.of(), Map.of());
        assertFalse(empty.clvModel().fitted());
        assertNotNull(empty.churnModel().cannotFit());
    }
}
