package prism.scheme.predictive.internal;

import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
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
    static double logLikelihood(double r, double alpha, double a, double b, int x, double tx, double t) {
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

    static double logLikelihood(double[] p, RepeatBuyers c) {
        double s = 0;
        for (int i = 0; i < c.size; i++) {
            s += c.weight[i] * logLikelihood(p[0], p[1], p[2], p[3], c.x[i], c.tx[i], c.t[i]);
        }
        return s;
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
        // Over the logarithms of the parameters, so that they stay positive; Nelder-Mead needs no gradient.
        ObjectiveFunction f = new ObjectiveFunction(lp -> {
            double[] p = {Math.exp(lp[0]), Math.exp(lp[1]), Math.exp(lp[2]), Math.exp(lp[3])};
            double ll = logLikelihood(p, c);
            return Double.isFinite(ll) ? ll : -1e300;
        });
        double meanT = 0;
        for (int i = 0; i < c.size; i++) {
            meanT += c.weight[i] * c.t[i];
        }
        meanT /= c.customers();
        double[] start = {0, Math.log(Math.max(1e-3, meanT)), 0, 0};
        PointValuePair best = null;
        // Restarted from its own optimum until it no longer improves: Nelder-Mead may stop short on a ridge.
        for (int round = 0; round < 6; round++) {
            SimplexOptimizer opt = new SimplexOptimizer(1e-12, 1e-10);
            PointValuePair p = opt.optimize(new MaxEval(20_000), f, GoalType.MAXIMIZE, new InitialGuess(start),
                    new NelderMeadSimplex(new double[] {1, 1, 1, 1}));
            if (best != null && Math.abs(p.getValue() - best.getValue()) < 1e-9 * Math.abs(best.getValue())) {
                best = p.getValue() > best.getValue() ? p : best;
                break;
            }
            best = best == null || p.getValue() > best.getValue() ? p : best;
            start = best.getPoint();
        }
        double[] lp = best.getPoint();
        double r = Math.exp(lp[0]), alpha = Math.exp(lp[1]), a = Math.exp(lp[2]), b = Math.exp(lp[3]);
        if (!(Double.isFinite(r) && Double.isFinite(alpha) && Double.isFinite(a) && Double.isFinite(b)) || r > 1e6 || alpha > 1e9
                || a > 1e6 || b > 1e9) {
            throw new CannotFit("the model's likelihood has no finite optimum for these customers (all alike?)");
        }
        return new BgNbd(r, alpha, a, b, best.getValue(), c.customers());
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
