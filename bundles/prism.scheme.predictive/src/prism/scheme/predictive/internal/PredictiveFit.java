package prism.scheme.predictive.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import prism.core.facts.Facts;
import prism.core.scheme.FittedModel;
import prism.core.scheme.RunContext;

/**
 * The models of one run, fitted once for value.clv and value.churn ({@link RunContext#shared}): BG/NBD over
 * every customer with a purchase day, Gamma-Gamma over the repeat buyers with a positive spend, and per
 * (x, t_x, T) group P(alive) and the purchases expected in the horizon asked for.
 */
final class PredictiveFit {

    /** The explanation of a customer without a purchase day, in both schemes. */
    static final prism.core.scheme.Explanation NO_PURCHASE = prism.core.scheme.Explanation.of("no purchase day", "purchase_days", 0);

    /** A score as the schemes store it: two or three decimals. */
    static double round(double v, int decimals) {
        double scale = decimals == 2 ? 100 : 1000;
        return Math.round(v * scale) / scale;
    }

    final RepeatBuyers buyers;
    final BgNbd bgNbd;
    /** Why BG/NBD could not be fitted; null when it was. */
    final String bgNbdCannot;
    final GammaGamma gammaGamma;
    final String gammaGammaCannot;
    /** Per group: P(alive); the expected purchases are per horizon, in {@link #expected}. */
    private final double[] pAlive;
    private final Map<Integer, double[]> expected = new java.util.concurrent.ConcurrentHashMap<>();

    private PredictiveFit(RepeatBuyers buyers, BgNbd bgNbd, String bgNbdCannot, GammaGamma gammaGamma, String gammaGammaCannot) {
        this.buyers = buyers;
        this.bgNbd = bgNbd;
        this.bgNbdCannot = bgNbdCannot;
        this.gammaGamma = gammaGamma;
        this.gammaGammaCannot = gammaGammaCannot;
        pAlive = new double[buyers.groups()];
        if (bgNbd != null) {
            for (int g = 0; g < pAlive.length; g++) {
                pAlive[g] = bgNbd.pAlive(buyers.x(g), buyers.tx(g), buyers.t(g));
            }
        }
    }

    /** The run's fit, shared by the schemes of this bundle. */
    static PredictiveFit of(RunContext run) {
        return run.shared(PredictiveFit.class, () -> fit(run));
    }

    private static PredictiveFit fit(RunContext run) {
        int n = run.population().size();
        int[] x = new int[n], tx = new int[n], t = new int[n];
        double[] m = new double[n];
        int[] k = {0};
        run.forEachCustomer(f -> {
            Facts.PurchaseHistory h = f.purchaseHistory();
            if (h != null) {
                int i = k[0]++;
                x[i] = h.x();
                tx[i] = h.txDays();
                t[i] = h.tDays();
                m[i] = h.meanRepeatValue();
            }
        });
        RepeatBuyers buyers = RepeatBuyers.ofDays(x, tx, t, k[0]);
        BgNbd bg = null;
        String bgCannot = null;
        try {
            bg = BgNbd.fit(buyers);
        } catch (BgNbd.CannotFit e) {
            bgCannot = e.getMessage();
        }
        GammaGamma gg = null;
        String ggCannot = null;
        try {
            gg = GammaGamma.fit(java.util.Arrays.copyOf(x, k[0]), java.util.Arrays.copyOf(m, k[0]));
        } catch (BgNbd.CannotFit e) {
            ggCannot = e.getMessage();
        }
        return new PredictiveFit(buyers, bg, bgCannot, gg, ggCannot);
    }

    /** The group of a customer's purchase history. */
    int group(Facts.PurchaseHistory h) {
        return buyers.group(h.x(), h.txDays(), h.tDays());
    }

    double pAlive(int group) {
        return pAlive[group];
    }

    /** Per group, the purchases expected in the next {@code weeks}: worked out once per run and horizon. */
    double[] expectedPurchases(int weeks) {
        return expected.computeIfAbsent(weeks, w -> {
            double[] e = new double[buyers.groups()];
            java.util.stream.IntStream.range(0, e.length).parallel()
                    .forEach(g -> e[g] = bgNbd.expectedPurchases(w, buyers.x(g), buyers.tx(g), buyers.t(g)));
            return e;
        });
    }

    /** BG/NBD's parameters and fit, as the run stores them. */
    void bgNbd(Map<String, Double> parameters, Map<String, Double> fit) {
        parameters.put("r", bgNbd.r());
        parameters.put("alpha", bgNbd.alpha());
        parameters.put("a", bgNbd.a());
        parameters.put("b", bgNbd.b());
        fit.put("bgnbd_loglik", bgNbd.logLikelihood());
        fit.put("bgnbd_customers", bgNbd.customers());
    }

    FittedModel churnModel() {
        if (bgNbd == null) {
            return FittedModel.cannotFit(bgNbdCannot);
        }
        Map<String, Double> p = new LinkedHashMap<>(), f = new LinkedHashMap<>();
        bgNbd(p, f);
        return new FittedModel(p, f, null);
    }

    FittedModel clvModel() {
        if (bgNbd == null || gammaGamma == null) {
            return FittedModel.cannotFit(bgNbd == null ? bgNbdCannot : gammaGammaCannot);
        }
        Map<String, Double> p = new LinkedHashMap<>(), f = new LinkedHashMap<>();
        bgNbd(p, f);
        p.put("p", gammaGamma.p());
        p.put("q", gammaGamma.q());
        p.put("gamma", gammaGamma.gamma());
        f.put("gg_loglik", gammaGamma.logLikelihood());
        f.put("gg_customers", (double) gammaGamma.customers());
        if (!gammaGamma.boundedMean()) {
            f.put("one_time_value", gammaGamma.observedMean());
        }
        return new FittedModel(p, f, null);
    }
}
