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

    /**
     * Sorted values of one fact: how many are strictly above or below a value. Every customer of a run
     * asks, so the answers avoid cache misses: whole-number facts (orders, days) read a table of counts
     * per value, the others search a small index of every 64th value and then one block of 64.
     */
    public static final class Ranking {
        private static final int BLOCK = 64;
        /** Largest value range answered from a table of counts (4 MB of ints). */
        private static final long MAX_RANGE = 1 << 20;

        private final double[] sorted;
        /** Whole numbers only: {@code less[k]} = how many values are below {@code min + k}; else null. */
        private final int[] less;
        private final long min;
        /** Every BLOCK-th sorted value, for the search over the others. */
        private final double[] index;

        private Ranking(double[] sorted) {
            this.sorted = sorted;
            int n = sorted.length;
            int[] table = n == 0 ? null : countTable(sorted);
            this.less = table;
            this.min = table == null ? 0 : (long) sorted[0];
            double[] ix = new double[(n + BLOCK - 1) / BLOCK];
            for (int j = 0; j < ix.length; j++) {
                ix[j] = sorted[j * BLOCK];
            }
            this.index = ix;
        }

        private static int[] countTable(double[] sorted) {
            double lo = sorted[0], hi = sorted[sorted.length - 1];
            if (!(hi - lo < MAX_RANGE) || Math.abs(lo) > 1e15 || Math.abs(hi) > 1e15) {
                return null; // NaN, infinite or too wide a range
            }
            for (double d : sorted) {
                if (d != Math.rint(d)) {
                    return null;
                }
            }
            long min = (long) lo;
            int[] less = new int[(int) ((long) hi - min) + 2];
            int i = 0;
            for (int k = 0; k < less.length; k++) {
                long below = min + k;
                while (i < sorted.length && sorted[i] < below) {
                    i++;
                }
                less[k] = i;
            }
            return less;
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
            if (less != null && !Double.isNaN(v)) {
                int n = sorted.length;
                double f = Math.floor(v) + 1 - min; // values ≤ v are those below ⌊v⌋ + 1
                return f <= 0 ? n : f >= less.length ? 0 : n - less[(int) f];
            }
            return sorted.length - upperBound(v);
        }

        /** Number of values strictly less than v. */
        public int countLess(double v) {
            if (less != null && !Double.isNaN(v)) {
                double c = Math.ceil(v) - min; // values below v are those below ⌈v⌉
                return c <= 0 ? 0 : c >= less.length ? sorted.length : less[(int) c];
            }
            return lowerBound(v);
        }

        private int lowerBound(double v) { // first index with sorted[i] >= v
            return firstAbove(v, false);
        }

        private int upperBound(double v) { // first index with sorted[i] > v
            return firstAbove(v, true);
        }

        /** The first index whose value is past v: greater than v when {@code strict}, else greater or equal. */
        private int firstAbove(double v, boolean strict) {
            int lo = 0, hi = index.length;
            while (lo < hi) { // first block whose first value is past v
                int mid = (lo + hi) >>> 1;
                if (strict ? index[mid] <= v : index[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            // the answer lies after the previous block's first value, up to this block's first
            hi = Math.min(sorted.length, lo * BLOCK);
            lo = lo == 0 ? 0 : (lo - 1) * BLOCK + 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (strict ? sorted[mid] <= v : sorted[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
