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
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005; Hardie's note "The Gamma-Gamma
 * Model of Monetary Value"): fitted over the repeat buyers' mean values, then each customer's expected
 * value per purchase, their own mean shrunk towards the population's.
 */
public record GammaGamma(double p, double q, double gamma, double logLikelihood, int customers) {

    static double logLikelihood(double p, double q, double v, int x, double m) {
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(v) + (px - 1) * Math.log(m)
                + px * Math.log(x) - (px + q) * Math.log(x * m + v);
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
        ObjectiveFunction f = new ObjectiveFunction(lp -> {
            double p = Math.exp(lp[0]), q = Math.exp(lp[1]), v = Math.exp(lp[2]);
            double s = 0;
            for (int i = 0; i < xs.length; i++) {
                s += logLikelihood(p, q, v, xs[i], ms[i]);
            }
            return Double.isFinite(s) ? s : -1e300;
        });
        double[] start = {0, 0, Math.log(mean)};
        PointValuePair best = null;
        for (int round = 0; round < 6; round++) {
            PointValuePair r = new SimplexOptimizer(1e-12, 1e-10).optimize(new MaxEval(20_000), f, GoalType.MAXIMIZE,
                    new InitialGuess(start), new NelderMeadSimplex(new double[] {1, 1, 1}));
            if (best != null && Math.abs(r.getValue() - best.getValue()) < 1e-9 * Math.abs(best.getValue())) {
                best = r.getValue() > best.getValue() ? r : best;
                break;
            }
            best = best == null || r.getValue() > best.getValue() ? r : best;
            start = best.getPoint();
        }
        double p = Math.exp(best.getPoint()[0]), q = Math.exp(best.getPoint()[1]), v = Math.exp(best.getPoint()[2]);
        if (!(Double.isFinite(p) && Double.isFinite(q) && Double.isFinite(v)) || q <= 1 || p > 1e6 || q > 1e6) {
            throw new BgNbd.CannotFit("the spend model has no finite optimum for these customers (all spend alike?)");
        }
        return new GammaGamma(p, q, v, best.getValue(), n);
    }

    /** The value a customer's next purchase is expected to have: p(γ + m·x)/(p·x + q − 1) for repeaters, pγ/(q − 1) otherwise. */
    public double expectedValue(int x, double m) {
        return x >= 1 && m > 0 ? p * (gamma + m * x) / (p * x + q - 1) : p * gamma / (q - 1);
    }
}
