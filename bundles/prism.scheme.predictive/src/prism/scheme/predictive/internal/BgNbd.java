package prism.scheme.predictive.internal;

import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie & Lee, "Counting Your Customers the Easy Way", Marketing
 * Science 2005): fitted by maximum likelihood, then per customer the probability of being alive and the
 * purchases expected in a coming period (the paper's equation 10). Time in weeks.
 */
public record BgNbd(double r, double alpha, double a, double b, double logLikelihood, double customers) {

    /** Why a population cannot be fitted: the explanation a customer of it gets. */
    public static final class CannotFit extends Exception {
        private static final long serialVersionUID = 1L;

        public CannotFit(String message) {
            super(message);
        }
    }

    /** The log-likelihood of one customer (x, t_x, T) under the parameters. */
    public static double logLikelihood(double r, double alpha, double a, double b, int x, double tx, double t) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double a3 = -(r + x) * Math.log(alpha + t);
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        double hi = Math.max(a3, a4);
        return a1 + a2 + hi + Math.log(Math.exp(a3 - hi) + Math.exp(a4 - hi));
    }

    /**
     * The log-likelihood of a population over log-parameters, with its gradient. The terms that depend on x
     * alone (the gamma functions) are summed once per distinct x; each group then costs two logarithms and
     * an exponential. The groups are summed in a fixed number of chunks, in parallel, and the chunks added
     * in order: the same population gives the same sums, whatever the machine.
     */
    record Likelihood(RepeatBuyers c) implements Mle.LogLikelihood {

        @Override
        public double value(double[] lp) {
            return sums(lp, false)[0];
        }

        @Override
        public double[] gradient(double[] lp) {
            double[] s = sums(lp, true);
            return new double[] {s[1], s[2], s[3], s[4]};
        }

        /** {value, d/d ln r, d/d ln alpha, d/d ln a, d/d ln b}. */
        double[] sums(double[] lp, boolean gradient) {
            double r = Math.exp(lp[0]), alpha = Math.exp(lp[1]), a = Math.exp(lp[2]), b = Math.exp(lp[3]);
            int nx = c.distinctX.length;
            // The share of each group's likelihood from "still alive at T" (1 - s) against "dropped out at t_x" (s),
            // summed per x: the a and b terms of the gradient need only those sums.
            double[] g = Chunks.sum(c.size, 3 + nx, (from, to, out) -> {
                double v = 0, dr = 0, dAlpha = 0;
                for (int i = from; i < to; i++) {
                    int x = c.x[i];
                    double w = c.weight[i];
                    double la = Math.log(alpha + c.t[i]);
                    double a3 = -(r + x) * la;
                    if (x == 0) {
                        v += w * a3;
                        dr -= w * la;
                        dAlpha -= w * (r + x) / (alpha + c.t[i]);
                        continue;
                    }
                    double lx = Math.log(alpha + c.tx[i]);
                    double d = Math.log(a / (b + x - 1)) + (r + x) * (la - lx); // a4 - a3
                    double s = d > 0 ? 1 / (1 + Math.exp(-d)) : Math.exp(d) / (1 + Math.exp(d));
                    v += w * (a3 + (d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d))));
                    dr += w * (-la + s * (la - lx));
                    dAlpha -= w * (r + x) * ((1 - s) / (alpha + c.t[i]) + s / (alpha + c.tx[i]));
                    out[3 + c.xAt[i]] += w * s;
                }
                out[0] += v;
                out[1] += dr;
                out[2] += dAlpha;
            });
            double v = g[0], dr = g[1], dAlpha = g[2], da = 0, db = 0;
            double lgR = Gamma.logGamma(r), lgB = Gamma.logGamma(b), lgAB = Gamma.logGamma(a + b);
            double psiR = Gamma.digamma(r), psiB = Gamma.digamma(b), psiAB = Gamma.digamma(a + b);
            for (int k = 0; k < nx; k++) {
                int x = c.distinctX[k];
                double w = c.xWeight[k];
                v += w * (Gamma.logGamma(r + x) - lgR + r * Math.log(alpha) + lgAB + Gamma.logGamma(b + x) - lgB
                        - Gamma.logGamma(a + b + x));
                if (gradient) {
                    double psiABX = Gamma.digamma(a + b + x);
                    dr += w * (Gamma.digamma(r + x) - psiR + Math.log(alpha));
                    dAlpha += w * r / alpha;
                    da += w * (psiAB - psiABX) + g[3 + k] / a;
                    db += w * (psiAB + Gamma.digamma(b + x) - psiB - psiABX) - (x > 0 ? g[3 + k] / (b + x - 1) : 0);
                }
            }
            // chain rule: d/d ln p = p · d/dp
            return new double[] {v, r * dr, alpha * dAlpha, a * da, b * db};
        }
    }

    static double logLikelihood(double[] p, RepeatBuyers c) {
        return new Likelihood(c).value(new double[] {Math.log(p[0]), Math.log(p[1]), Math.log(p[2]), Math.log(p[3])});
    }

    /** Fits the four parameters; a population without a repeat purchase, or one that gives no finite optimum, cannot be. */
    public static BgNbd fit(RepeatBuyers c) throws CannotFit {
        if (c.groups() == 0) {
            throw new CannotFit("no customer with a purchase day to fit the model over");
        }
        if (c.groups() == 1) {
            throw new CannotFit("every customer has the same purchase history: the model has nothing to tell them apart by");
        }
        if (!c.anyRepeat()) {
            throw new CannotFit("no customer bought twice: the repeat-buying model cannot be fitted");
        }
        double meanT = 0;
        for (int i = 0; i < c.size; i++) {
            meanT += c.weight[i] * c.t[i];
        }
        meanT /= c.customers();
        double[] start = {0, Math.log(Math.max(1e-3, meanT)), 0, 0};
        Likelihood full = new Likelihood(c);
        RepeatBuyers sample = c.sample(Mle.SAMPLE);
        double[] lp = Mle.maximize(sample == c ? full : new Likelihood(sample), full, start);
        double r = Math.exp(lp[0]), alpha = Math.exp(lp[1]), a = Math.exp(lp[2]), b = Math.exp(lp[3]);
        if (!(Double.isFinite(r) && Double.isFinite(alpha) && Double.isFinite(a) && Double.isFinite(b)) || r > 1e6 || alpha > 1e9
                || a > 1e6 || b > 1e9) {
            throw new CannotFit("the model's likelihood has no finite optimum for these customers (all alike?)");
        }
        return new BgNbd(r, alpha, a, b, full.value(lp), c.customers());
    }

    /** The probability that a customer with (x, t_x, T) is still alive. */
    public double pAlive(int x, double tx, double t) {
        if (x == 0) {
            return 1;
        }
        double ratio = Math.exp((r + x) * (Math.log(alpha + t) - Math.log(alpha + tx)));
        return 1 / (1 + a / (b + x - 1) * ratio);
    }

    /**
     * The purchases expected in the next {@code horizon} weeks of a customer with (x, t_x, T): equation 10,
     * its hypergeometric term taken through Euler's transformation, 2F1(a, b; c; z) = (1 − z)^(c−a−b)
     * 2F1(c − a, c − b; c; z), whose first two arguments do not grow with x: the series stays small and
     * converges for a customer of thousands of purchases, where the paper's form overflows.
     */
    public double expectedPurchases(double horizon, int x, double tx, double t) {
        double z = horizon / (alpha + t + horizon);
        // ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z) = (1 − z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z)
        double tail = Math.exp((a - 1) * Math.log1p(-z)) * hypergeometric2F1(a + b - 1 - r, a - 1, a + b + x - 1, z);
        double first = (a + b + x - 1) / (a - 1) * (1 - tail);
        double denominator = x == 0 ? 1 : 1 + a / (b + x - 1) * Math.exp((r + x) * (Math.log(alpha + t) - Math.log(alpha + tx)));
        return first / denominator;
    }

    /** The Gaussian hypergeometric function 2F1(a, b; c; z) for 0 ≤ z < 1, by its series. */
    static double hypergeometric2F1(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        for (int j = 0; j < 100_000; j++) {
            term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z;
            sum += term;
            if (Math.abs(term) < 1e-15 * Math.abs(sum)) {
                return sum;
            }
        }
        return sum;
    }
}
