package prism.scheme.predictive.internal;

import java.util.Arrays;

/**
 * The customers a repeat-buying model is fitted over, as the literature summarises each one: {@code x}
 * repeat purchase days, {@code tx} the weeks from the first to the last purchase day and {@code t} from
 * the first purchase day to the end of the calibration period. Customers with the same (x, t_x, T) are
 * kept once with their number ({@code weight}), in ascending (x, t_x, T) order so that sums over them
 * come out the same in every run. Each group also knows the index of its x among the distinct x
 * ({@code xAt}): the likelihood's gamma functions depend on x alone and are computed once per x.
 */
public final class RepeatBuyers {

    final int[] x;
    final double[] tx;
    final double[] t;
    final double[] weight;
    final int size;
    /** The distinct x in ascending order, the weight of each, and each group's index into them. */
    final int[] distinctX;
    final double[] xWeight;
    final int[] xAt;
    /** For groups made from days, each group's packed (x, t_x, T) key, ascending; else null. */
    private long[] keys;

    private RepeatBuyers(int[] x, double[] tx, double[] t, double[] weight, int size) {
        this.x = x;
        this.tx = tx;
        this.t = t;
        this.weight = weight;
        this.size = size;
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            distinct += i == 0 || x[i] != x[i - 1] ? 1 : 0;
        }
        distinctX = new int[distinct];
        xWeight = new double[distinct];
        xAt = new int[size];
        for (int i = 0, k = -1; i < size; i++) {
            if (i == 0 || x[i] != x[i - 1]) {
                distinctX[++k] = x[i];
            }
            xWeight[k] += weight[i];
            xAt[i] = k;
        }
    }

    /** The summary of each customer in weeks (the arrays line up), grouped by (x, t_x, T). */
    public static RepeatBuyers of(int[] x, double[] tx, double[] t) {
        Integer[] order = new Integer[x.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (i, j) -> x[i] != x[j] ? Integer.compare(x[i], x[j])
                : tx[i] != tx[j] ? Double.compare(tx[i], tx[j]) : Double.compare(t[i], t[j]));
        int n = x.length;
        int[] gx = new int[n];
        double[] gtx = new double[n], gt = new double[n], w = new double[n];
        int size = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (size > 0 && gx[size - 1] == x[i] && gtx[size - 1] == tx[i] && gt[size - 1] == t[i]) {
                w[size - 1]++;
            } else {
                gx[size] = x[i];
                gtx[size] = tx[i];
                gt[size] = t[i];
                w[size++] = 1;
            }
        }
        return new RepeatBuyers(gx, gtx, gt, w, size);
    }

    /**
     * The same from whole days, as the facts hold them: the groups are found by sorting one packed key per
     * customer, which at a million customers is far cheaper than hashing objects.
     */
    public static RepeatBuyers ofDays(int[] x, int[] txDays, int[] tDays, int n) {
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            if (x[i] < 0 || x[i] >= 1 << 21 || txDays[i] < 0 || txDays[i] >= 1 << 21 || tDays[i] < txDays[i] || tDays[i] >= 1 << 21) {
                throw new IllegalArgumentException("a purchase history out of range: x=" + x[i] + ", t_x=" + txDays[i] + " d, T=" + tDays[i] + " d");
            }
            key[i] = (long) x[i] << 42 | (long) txDays[i] << 21 | tDays[i];
        }
        Arrays.sort(key);
        int[] gx = new int[n];
        double[] gtx = new double[n], gt = new double[n], w = new double[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && key[i] == key[i - 1]) {
                w[size - 1]++;
                continue;
            }
            gx[size] = (int) (key[i] >>> 42);
            gtx[size] = ((key[i] >>> 21) & ((1 << 21) - 1)) / 7.0;
            gt[size] = (key[i] & ((1 << 21) - 1)) / 7.0;
            key[size] = key[i]; // the distinct keys, in place: i never falls behind size
            w[size++] = 1;
        }
        RepeatBuyers r = new RepeatBuyers(gx, gtx, gt, w, size);
        r.keys = Arrays.copyOf(key, size);
        return r;
    }

    /** The group of a purchase history in days (of a population made by {@link #ofDays}), or -1. */
    public int group(int x, int txDays, int tDays) {
        int at = Arrays.binarySearch(keys, (long) x << 42 | (long) txDays << 21 | tDays);
        return at < 0 ? -1 : at;
    }

    /** A group's x, t_x and T (weeks). */
    public int x(int group) {
        return x[group];
    }

    public double tx(int group) {
        return tx[group];
    }

    public double t(int group) {
        return t[group];
    }

    /**
     * Every k-th group, for a first, cheap fit whose optimum starts the fit over everyone: the groups are in
     * (x, t_x, T) order, so every k-th of them spans the whole population.
     */
    RepeatBuyers sample(int groups) {
        if (size <= groups) {
            return this;
        }
        int k = (size + groups - 1) / groups;
        int m = (size + k - 1) / k;
        int[] sx = new int[m];
        double[] stx = new double[m], st = new double[m], sw = new double[m];
        for (int i = 0, j = 0; i < size; i += k, j++) {
            sx[j] = x[i];
            stx[j] = tx[i];
            st[j] = t[i];
            sw[j] = weight[i];
        }
        return new RepeatBuyers(sx, stx, st, sw, m);
    }

    /** How many customers (not groups). */
    public double customers() {
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += weight[i];
        }
        return s;
    }

    /** Whether any customer bought again: without one, BG/NBD has nothing to fit. */
    public boolean anyRepeat() {
        return size > 0 && x[size - 1] > 0;
    }

    public int groups() {
        return size;
    }
}
