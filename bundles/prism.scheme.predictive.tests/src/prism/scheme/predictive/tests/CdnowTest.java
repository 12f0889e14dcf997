package prism.scheme.predictive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import prism.scheme.predictive.internal.BgNbd;
import prism.scheme.predictive.internal.GammaGamma;
import prism.scheme.predictive.internal.RepeatBuyers;

/**
 * The models against the literature: the CDNOW 1/10 sample (2,357 customers; data/README.md) calibrated on
 * 1997-01-01 … 1997-09-30 gives the published BG/NBD and Gamma-Gamma parameters to three significant
 * figures, and customer 0001's expected purchases in the next 39 weeks.
 */
class CdnowTest {

    static final LocalDate END = LocalDate.of(1997, 9, 30);
    static int[] x;
    static double[] tx;
    static double[] t;
    static double[] m;
    static List<String> ids = new ArrayList<>();

    /** Purchase days up to the end of calibration, per customer, as DESIGN.md defines them (a day's amounts summed). */
    @BeforeAll
    static void read() throws Exception {
        Map<String, TreeMap<LocalDate, Double>> days = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CdnowTest.class.getResourceAsStream("/data/CDNOW_sample.txt"), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null;) {
                String[] f = line.trim().split("\\s+");
                LocalDate d = LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE);
                double amount = Double.parseDouble(f[4]);
                TreeMap<LocalDate, Double> c = days.computeIfAbsent(f[1], k -> new TreeMap<>());
                if (!d.isAfter(END) && amount >= 0) {
                    c.merge(d, amount, Double::sum);
                }
            }
        }
        int n = days.size();
        x = new int[n];
        tx = new double[n];
        t = new double[n];
        m = new double[n];
        int i = 0;
        for (Map.Entry<String, TreeMap<LocalDate, Double>> e : days.entrySet()) {
            TreeMap<LocalDate, Double> d = e.getValue();
            ids.add(e.getKey());
            LocalDate first = d.firstKey();
            x[i] = d.size() - 1;
            tx[i] = ChronoUnit.DAYS.between(first, d.lastKey()) / 7.0;
            t[i] = ChronoUnit.DAYS.between(first, END) / 7.0;
            m[i] = x[i] == 0 ? 0 : d.tailMap(first, false).values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
            i++;
        }
    }

    private static void threeFigures(double published, double fitted, String what) {
        assertEquals(published, fitted, Math.abs(published) * 0.005 + 1e-12, what + ": published " + published + ", fitted " + fitted);
    }

    @Test
    void bgNbdGivesThePublishedParameters() throws Exception {
        assertEquals(2_357, x.length, "every customer of the sample bought in the first quarter");
        BgNbd model = BgNbd.fit(RepeatBuyers.of(x, tx, t));
        threeFigures(0.243, model.r(), "r");
        threeFigures(4.414, model.alpha(), "alpha");
        threeFigures(0.793, model.a(), "a");
        threeFigures(2.426, model.b(), "b");
        assertEquals(2_357, model.customers());
        int c = ids.indexOf("0001");
        assertEquals(2, x[c]);
        assertEquals(30.43, tx[c], 0.005);
        assertEquals(38.86, t[c], 0.005);
        threeFigures(1.226, model.expectedPurchases(39, x[c], tx[c], t[c]), "customer 0001's purchases in 39 weeks");
        double pAlive = model.pAlive(x[c], tx[c], t[c]);
        assertTrue(pAlive > 0 && pAlive < 1, "P(alive) " + pAlive);
    }

    @Test
    void gammaGammaGivesThePublishedParameters() throws Exception {
        GammaGamma spend = GammaGamma.fit(x, m);
        threeFigures(6.25, spend.p(), "p");
        threeFigures(3.74, spend.q(), "q");
        threeFigures(15.44, spend.gamma(), "gamma");
    }

    @Test
    void hardCasesGiveNumbersOrACleanRefusal() throws Exception {
        BgNbd model = new BgNbd(0.243, 4.414, 0.793, 2.426, 0, 0);
        // x = 0: alive by the model's definition; expected purchases from the population alone.
        assertEquals(1.0, model.pAlive(0, 0, 10));
        assertTrue(model.expectedPurchases(52, 0, 0, 10) > 0);
        // Bought only on the as-of date: t_x = T = 0.
        assertTrue(Double.isFinite(model.expectedPurchases(52, 0, 0, 0)));
        // A huge x: no overflow.
        double big = model.expectedPurchases(52, 5_000, 50, 52);
        assertTrue(Double.isFinite(big) && big > 0, "huge x: " + big);
        assertTrue(Double.isFinite(model.pAlive(5_000, 50, 52)));
        // Degenerate populations: a clear refusal, never NaN.
        assertThrows(BgNbd.CannotFit.class, () -> BgNbd.fit(RepeatBuyers.of(new int[] {0, 0, 0}, new double[] {0, 0, 0}, new double[] {5, 9, 20})),
                "no repeat buyer");
        assertThrows(BgNbd.CannotFit.class, () -> BgNbd.fit(RepeatBuyers.of(new int[0], new double[0], new double[0])), "no one");
        assertThrows(BgNbd.CannotFit.class, () -> GammaGamma.fit(new int[] {1}, new double[] {10}), "one customer");
        int[] same = new int[100];
        java.util.Arrays.fill(same, 1);
        double[] five = new double[100];
        java.util.Arrays.fill(five, 5);
        double[] ten = new double[100];
        java.util.Arrays.fill(ten, 10);
        BgNbd.CannotFit alike = assertThrows(BgNbd.CannotFit.class, () -> BgNbd.fit(RepeatBuyers.of(same, five, ten)), "all alike");
        assertTrue(alike.getMessage().contains("same purchase history"), alike.getMessage());
        assertThrows(BgNbd.CannotFit.class, () -> BgNbd.fit(RepeatBuyers.of(new int[] {3}, new double[] {4}, new double[] {9})),
                "one customer");
    }
}
