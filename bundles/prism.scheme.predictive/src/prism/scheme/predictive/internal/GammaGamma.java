package prism.scheme.predictive.internal;

import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005; Hardie's note "The Gamma-Gamma
 * Model of Monetary Value"): fitted over the repeat buyers' mean values, then each customer's expected
 * value per purchase, their own mean shrunk towards the population's.
 */
public record GammaGamma(double p, double q, double gamma, double logLikelihood, int customers, double observedMean) {

    static double logLikelihood(double p, double q, double v, int x, double m) {
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(v) + (px - 1) * Math.log(m)
                + px * Math.log(x) - (px + q) * Math.log(x * m + v);
    }

    /**
     * The log-likelihood of the repeat buyers over log-parameters, with its gradient: the gamma functions
     * are summed once per distinct x, the terms in log m once for all, so that each customer costs one
     * logarithm and one division.
     */
    record Likelihood(int[] x, double[] m, int[] distinctX, double[] xCount, double sumLogM, double sumXLogM) implements Mle.LogLikelihood {

        static Likelihood of(int[] x, double[] m) {
            int[] sorted = x.clone();
            java.util.Arrays.sort(sorted);
            int distinct = 0;
            for (int i = 0; i < sorted.length; i++) {
                distinct += i == 0 || sorted[i] != sorted[i - 1] ? 1 : 0;
            }
            int[] dx = new int[distinct];
            double[] count = new double[distinct];
            for (int i = 0, k = -1; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    dx[++k] = sorted[i];
                }
                count[k]++;
            }
            double slm = 0, sxlm = 0;
            for (int i = 0; i < x.length; i++) {
                slm += Math.log(m[i]);
                sxlm += x[i] * Math.log(m[i]);
            }
            return new Likelihood(x, m, dx, count, slm, sxlm);
        }

        @Override
        public double value(double[] lp) {
            return sums(lp)[0];
        }

        @Override
        public double[] gradient(double[] lp) {
            double[] s = sums(lp);
            return new double[] {s[1], s[2], s[3]};
        }

        /** {value, d/d ln p, d/d ln q, d/d ln gamma}. */
        double[] sums(double[] lp) {
            double p = Math.exp(lp[0]), q = Math.exp(lp[1]), v = Math.exp(lp[2]);
            // per customer: ln(xm + v) and x·ln(xm + v), (px + q)/(xm + v)
            double[] c = Chunks.sum(x.length, 3, (from, to, out) -> {
                double l = 0, xl = 0, inv = 0;
                for (int i = from; i < to; i++) {
                    double d = x[i] * m[i] + v;
                    double ld = Math.log(d);
                    l += ld;
                    xl += x[i] * ld;
                    inv += (p * x[i] + q) / d;
                }
                out[0] += l;
                out[1] += xl;
                out[2] += inv;
            });
            double n = x.length;
            double value = -q * c[0] - p * c[1] + p * sumXLogM - sumLogM + n * q * Math.log(v);
            double dp = sumXLogM - c[1], dq = n * Math.log(v) - c[0], dv = n * q / v - c[2];
            double lgQ = Gamma.logGamma(q), psiQ = Gamma.digamma(q);
            for (int k = 0; k < distinctX.length; k++) {
                int xx = distinctX[k];
                double w = xCount[k], px = p * xx;
                value += w * (Gamma.logGamma(px + q) - Gamma.logGamma(px) - lgQ + px * Math.log(xx));
                double psiPXQ = Gamma.digamma(px + q);
                dp += w * xx * (psiPXQ - Gamma.digamma(px) + Math.log(xx));
                dq += w * (psiPXQ - psiQ);
            }
            return new double[] {value, p * dp, q * dq, v * dv};
        }
    }

    /** Fits over the customers with x ≥ 1 repeat purchases of mean value m > 0 (the others are left out). */
    public static GammaGamma fit(int[] x, double[] m) throws BgNbd.CannotFit {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= 1 && m[i] > 0) {
                n++;
            }
        }
        if (n < 2) {
            throw new BgNbd.CannotFit("fewer than two repeat buyers with a positive spend: the spend model cannot be fitted");
        }
        int[] xs = new int[n];
        double[] ms = new double[n];
        double mean = 0;
        for (int i = 0, k = 0; i < x.length; i++) {
            if (x[i] >= 1 && m[i] > 0) {
                xs[k] = x[i];
                ms[k] = m[i];
                mean += m[i];
                k++;
            }
        }
        mean /= n;
        Likelihood full = Likelihood.of(xs, ms);
        Likelihood sample = full;
        if (n > Mle.SAMPLE) { // every k-th repeat buyer: the spend model's first step needs no more
            int k = (n + Mle.SAMPLE - 1) / Mle.SAMPLE, size = (n + k - 1) / k;
            int[] sx = new int[size];
            double[] sm = new double[size];
            for (int i = 0, j = 0; i < n; i += k, j++) {
                sx[j] = xs[i];
                sm[j] = ms[i];
            }
            sample = Likelihood.of(sx, sm);
        }
        double[] lp = Mle.maximize(sample, full, new double[] {0, 0, Math.log(mean)});
        double p = Math.exp(lp[0]), q = Math.exp(lp[1]), v = Math.exp(lp[2]);
        if (!(Double.isFinite(p) && Double.isFinite(q) && Double.isFinite(v)) || p > 1e6 || q > 1e6) {
            throw new BgNbd.CannotFit("the spend model has no finite optimum for these customers (all spend alike?)");
        }
        return new GammaGamma(p, q, v, full.value(lp), n, mean);
    }

    /**
     * The value a customer's next purchase is expected to have: p(γ + m·x)/(p·x + q − 1) for repeaters,
     * pγ/(q − 1) otherwise. With q ≤ 1 the model's mean spend is unbounded (a heavy-tailed population): a
     * customer without a repeat purchase then gets the repeat buyers' observed mean instead, and
     * {@link #boundedMean()} says so.
     */
    public double expectedValue(int x, double m) {
        if (x >= 1 && m > 0 && p * x + q - 1 > 0) {
            return p * (gamma + m * x) / (p * x + q - 1);
        }
        return boundedMean() ? p * gamma / (q - 1) : observedMean;
    }

    /** Whether the model's population mean spend pγ/(q − 1) is finite. */
    public boolean boundedMean() {
        return q > 1;
    }
}
