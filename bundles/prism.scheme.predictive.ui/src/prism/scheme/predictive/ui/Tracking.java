package prism.scheme.predictive.ui;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import prism.scheme.predictive.internal.BgNbd;
import prism.store.StoreQueries.PurchaseDate;

/**
 * The tracking chart's two curves, as {@code lifetimes} plots them: cumulative repeat purchases week by week
 * over the calibration period, actual against what the fitted BG/NBD expects of the customers who had made
 * their first purchase by then. Week k ends {@code 7(k + 1)} days after the first purchase of all; the last
 * point is the as-of date.
 */
record Tracking(LocalDate start, double[] weeks, double[] actual, double[] expected) {

    static Tracking of(List<PurchaseDate> days, LocalDate asOf, BgNbd model) {
        if (days.isEmpty()) {
            return new Tracking(asOf, new double[0], new double[0], new double[0]);
        }
        LocalDate start = days.get(0).date();
        int span = (int) ChronoUnit.DAYS.between(start, asOf); // the last day's index
        long[] repeat = new long[span + 1], first = new long[span + 1];
        for (PurchaseDate d : days) {
            int i = (int) ChronoUnit.DAYS.between(start, d.date());
            repeat[i] = d.repeatPurchases();
            first[i] = d.firstPurchases();
        }
        // E[X(t)] of one customer, t days after the first purchase: the unconditional expectation (x = T = 0)
        double[] perCustomer = new double[span + 1];
        for (int t = 1; t <= span; t++) {
            perCustomer[t] = model == null ? 0 : model.expectedPurchases(t / 7.0, 0, 0, 0);
        }
        java.util.List<double[]> points = new java.util.ArrayList<>();
        long cumulative = 0;
        for (int k = 0, day = 0;; k++) {
            int end = Math.min(span, 7 * k + 6);
            for (; day <= end; day++) {
                cumulative += repeat[day];
            }
            double e = 0;
            for (int c = 0; c <= end; c++) {
                if (first[c] != 0) {
                    e += first[c] * perCustomer[end - c];
                }
            }
            points.add(new double[] {(end + 1) / 7.0, cumulative, e});
            if (end == span) {
                break;
            }
        }
        double[] weeks = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] actual = points.stream().mapToDouble(p -> p[1]).toArray();
        double[] expected = points.stream().mapToDouble(p -> p[2]).toArray();
        return new Tracking(start, weeks, actual, expected);
    }
}
