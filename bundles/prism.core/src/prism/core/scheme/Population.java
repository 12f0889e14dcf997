package prism.core.scheme;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import prism.core.facts.Facts;

/**
 * Statistics over all customers of a run that rank-based schemes need. Rankings are computed once,
 * on first use, by sorting primitives, then answered by binary search: O(log n) a customer.
 */
public final class Population {

    private final List<Facts> all;
    private final Map<String, Ranking> buyerRankings = new ConcurrentHashMap<>();

    public Population(List<Facts> all) {
        this.all = all;
    }

    /** Number of customers in the run. */
    public int size() {
        return all.size();
    }

    /** The ranking of a numeric fact among customers with at least one order. */
    public Ranking amongBuyers(String fact) {
        return buyerRankings.computeIfAbsent(fact, f -> {
            // The common facts read directly; any other through its name.
            java.util.function.ToDoubleFunction<Facts> read = switch (f) {
                case "revenue" -> Facts::revenue;
                case "orders" -> Facts::orders;
                case "recency_days" -> x -> x.recencyDays() == null ? Double.NaN : x.recencyDays();
                default -> x -> x.number(f);
            };
            double[] v = new double[all.size()];
            int k = 0;
            for (Facts x : all) {
                if (x.hasOrders()) {
                    double d = read.applyAsDouble(x);
                    if (!Double.isNaN(d)) {
                        v[k++] = d;
                    }
                }
            }
            return Ranking.of(Arrays.copyOf(v, k));
        });
    }

    /** Sorted values of one fact: how many are strictly above or below a value. */
    public static final class Ranking {
        private final double[] sorted;

        private Ranking(double[] sorted) {
            this.sorted = sorted;
        }

        public static Ranking of(double[] values) {
            double[] s = values.clone();
            Arrays.sort(s);
            return new Ranking(s);
        }

        public int n() {
            return sorted.length;
        }

        /** Number of values strictly greater than v. */
        public int countGreater(double v) {
            return sorted.length - upperBound(v);
        }

        /** Number of values strictly less than v. */
        public int countLess(double v) {
            return lowerBound(v);
        }

        private int lowerBound(double v) { // first index with sorted[i] >= v
            int lo = 0, hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private int upperBound(double v) { // first index with sorted[i] > v
            int lo = 0, hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
