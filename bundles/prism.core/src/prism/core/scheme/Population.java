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

    /** Every customer's facts, each once, in the run's order (id order). @since 1.4 */
    public void forEach(java.util.function.Consumer<? super Facts> action) {
        all.forEach(action);
    }

    /** The ranking of a numeric fact among customers with at least one order. */
    public Ranking amongBuyers(String fact) {
        Ranking r = buyerRankings.get(fact); // every customer asks: a read without a lock once it is made
        return r != null ? r : ranking(fact);
    }

    private Ranking ranking(String fact) {
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
     * asks, so the answers avoid searching: whole-number facts (orders, days) read a table of counts per
     * value; the others find the few sorted values around the asked one through a table of buckets over
     * the values' bit patterns (which order as the numbers do), and the extreme tails search a small
     * index of every 64th value and then one block of 64.
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
        /**
         * Other values, between the tails: {@code bucket[k]} = the first sorted index whose {@link #key} is
         * at least {@code low + (k << shift)}; null when the table would not pay (few values, or whole numbers).
         */
        private final int[] bucket;
        private final long low;
        private final long high;
        private final int shift;

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
            // Buckets over the middle of the values: a few outliers (large refunds, huge accounts) would
            // otherwise stretch the range so that most values share a handful of buckets.
            int tail = n / 1024;
            long lo = 0, hi = -1;
            int sh = 0;
            int[] b = null;
            if (table == null && n >= 4096 && !Double.isNaN(sorted[n - 1 - tail])) {
                lo = key(sorted[tail]);
                hi = key(sorted[n - 1 - tail]);
                // At most 65,536 buckets (256 KB): the table stays in the core's cache, and the values of a
                // bucket (fourteen on average at a million) are a cache line or two of the sorted array. A
                // table of one bucket per value missed the cache twice a customer: a fifth of a run's time.
                int bits = Math.min(16, 32 - Integer.numberOfLeadingZeros(n));
                long span = hi - lo; // unsigned: refunds below zero and sales above span more than a long
                while (Long.compareUnsigned(span >>> sh, 1L << bits) >= 0) {
                    sh++;
                }
                int buckets = (int) (span >>> sh) + 1;
                b = new int[buckets + 1];
                int i = tail;
                while (i > 0 && key(sorted[i - 1]) >= lo) { // ties with the first value of the middle
                    i--;
                }
                for (int k = 0; k < buckets; k++) {
                    long start = lo + ((long) k << sh); // at most hi, wrapping as the span does
                    while (i < n && key(sorted[i]) < start) {
                        i++;
                    }
                    b[k] = i;
                }
                while (i < n && key(sorted[i]) <= hi) {
                    i++;
                }
                b[buckets] = i;
            }
            this.bucket = b;
            this.low = lo;
            this.high = hi;
            this.shift = sh;
        }

        /**
         * A long that orders as the double does (−0 as 0): the bits of a positive double order as its
         * value, those of a negative one in reverse, so flipping all but the sign bit of negatives fixes it.
         */
        private static long key(double v) {
            long bits = Double.doubleToRawLongBits(v + 0.0);
            return bits ^ (bits >> 63 & Long.MAX_VALUE);
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
            // The first customer to ask waits for the sort while the others wait for it: use every core.
            Arrays.parallelSort(s);
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
            if (bucket != null && v == v) {
                long q = key(v);
                if (q >= low && q <= high) {
                    // sorted values before the bucket are below v, those after the next one's start above it
                    int k = (int) ((q - low) >>> shift); // unsigned, as the span
                    return firstAbove(v, strict, bucket[k], bucket[k + 1]);
                }
            }
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
            return firstAbove(v, strict, lo == 0 ? 0 : (lo - 1) * BLOCK + 1, Math.min(sorted.length, lo * BLOCK));
        }

        /** As {@link #firstAbove(double, boolean)}, knowing the answer lies in [lo, hi]. */
        private int firstAbove(double v, boolean strict, int lo, int hi) {
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
