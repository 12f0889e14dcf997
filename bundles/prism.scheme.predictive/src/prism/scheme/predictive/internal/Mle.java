package prism.scheme.predictive.internal;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum likelihood over the logarithms of a model's parameters (so that they stay positive), in two
 * steps: Hipparchus's Nelder-Mead over a sample of the groups, which needs no gradient and finds the
 * optimum's region from a rough start; then Newton steps over everyone from there, with the likelihood's
 * analytic gradient, which take few evaluations of the full sum.
 */
final class Mle {

    /** A log-likelihood over log-parameters, with its gradient; an infeasible point gives -infinity or NaN. */
    interface LogLikelihood {
        double value(double[] logParams);

        double[] gradient(double[] logParams);
    }

    /** Groups in the first step's sample: enough to land near the optimum, few enough to cost little. */
    static final int SAMPLE = 4_000;

    private Mle() {
    }

    static double[] maximize(LogLikelihood sample, LogLikelihood full, double[] start) {
        ObjectiveFunction rough = new ObjectiveFunction(lp -> finite(sample.value(lp)));
        PointValuePair best = null;
        // Restarted from its own optimum until it no longer improves: Nelder-Mead may stop short on a ridge.
        for (int round = 0; round < 6; round++) {
            PointValuePair p = new SimplexOptimizer(1e-10, 1e-10).optimize(new MaxEval(20_000), rough, GoalType.MAXIMIZE,
                    new InitialGuess(start), new NelderMeadSimplex(ones(start.length)));
            boolean settled = best != null && Math.abs(p.getValue() - best.getValue()) < 1e-9 * Math.abs(best.getValue());
            best = best == null || p.getValue() > best.getValue() ? p : best;
            if (settled) {
                break;
            }
            start = best.getPoint();
        }
        if (sample == full) {
            return polish(full, best);
        }
        return polish(full, new PointValuePair(best.getPoint(), finite(full.value(best.getPoint()))));
    }

    /**
     * Newton steps over everyone from a point near the optimum: the analytic gradient, its Jacobian by
     * forward differences of the gradient, the step solved by Hipparchus's LU decomposition, halved until
     * the likelihood rises. Near the optimum each step doubles the correct digits, so a handful of passes
     * over a million customers suffice where a line search would take a hundred. Stops at the first point
     * it cannot improve.
     */
    private static double[] polish(LogLikelihood f, PointValuePair from) {
        double[] x = from.getPoint().clone();
        double fx = from.getValue();
        int n = x.length;
        for (int iteration = 0; iteration < 30; iteration++) {
            double[] g = f.gradient(x);
            double[][] h = new double[n][];
            double eps = 1e-6;
            for (int j = 0; j < n; j++) {
                double[] up = x.clone();
                up[j] += eps;
                double[] gu = f.gradient(up);
                h[j] = new double[n];
                for (int i = 0; i < n; i++) {
                    h[j][i] = (gu[i] - g[i]) / eps;
                }
            }
            double[] step;
            try {
                RealMatrix hessian = new Array2DRowRealMatrix(h);
                hessian = hessian.add(hessian.transpose()).scalarMultiply(0.5);
                step = new LUDecomposition(hessian).getSolver().solve(new ArrayRealVector(g)).mapMultiply(-1).toArray();
            } catch (org.hipparchus.exception.MathRuntimeException e) {
                return x; // singular: no Newton step from here
            }
            boolean improved = false;
            for (double scale = 1; scale > 1e-6; scale /= 2) {
                double[] next = x.clone();
                for (int i = 0; i < n; i++) {
                    next[i] += scale * step[i];
                }
                double fn = finite(f.value(next));
                if (fn > fx) {
                    double gain = fn - fx;
                    x = next;
                    fx = fn;
                    improved = true;
                    if (gain <= 1e-12 * Math.abs(fx)) {
                        return x;
                    }
                    break;
                }
            }
            if (!improved) {
                return x;
            }
        }
        return x;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : -1e300;
    }

    private static double[] ones(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1);
        return d;
    }
}
