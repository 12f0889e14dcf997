package prism.scheme.predictive.internal;

/**
 * The customers a model is fitted over, as the literature summarises each one: {@code x} repeat purchase
 * days, {@code tx} the time from the first to the last purchase day and {@code t} from the first purchase
 * day to the end of the calibration period (both in weeks), {@code m} the mean value of a repeat day.
 * Customers with the same (x, t_x, T) are kept once with their number ({@code weight}): at a million
 * customers the likelihood is then summed over far fewer terms.
 */
public final class RepeatBuyers {

    final int[] x;
    final double[] tx;
    final double[] t;
    final double[] weight;
    final int size;

    private RepeatBuyers(int[] x, double[] tx, double[] t, double[] weight, int size) {
        this.x = x;
        this.tx = tx;
        this.t = t;
        this.weight = weight;
        this.size = size;
    }

    /** The summary of each customer (the arrays line up), grouped by (x, t_x, T). */
    public static RepeatBuyers of(int[] x, double[] tx, double[] t) {
        java.util.Map<java.util.List<Object>, Integer> index = new java.util.HashMap<>();
        int n = x.length;
        int[] gx = new int[n];
        double[] gtx = new double[n];
        double[] gt = new double[n];
        double[] w = new double[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            java.util.List<Object> key = java.util.List.of(x[i], tx[i], t[i]);
            Integer at = index.get(key);
            if (at == null) {
                index.put(key, size);
                gx[size] = x[i];
                gtx[size] = tx[i];
                gt[size] = t[i];
                w[size] = 1;
                size++;
            } else {
                w[at]++;
            }
        }
        return new RepeatBuyers(gx, gtx, gt, w, size);
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
        for (int i = 0; i < size; i++) {
            if (x[i] > 0) {
                return true;
            }
        }
        return false;
    }

    public int groups() {
        return size;
    }
}
