package prism.scheme.predictive.internal;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import prism.core.facts.Facts;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.Explanation;
import prism.core.scheme.FittedModel;
import prism.core.scheme.RunContext;
import prism.core.scheme.SchemeClass;
import prism.core.scheme.Setting;
import prism.core.scheme.Settings;

/**
 * value.clv: the value a customer is predicted to bring in the next horizonWeeks, by BG/NBD (purchases
 * expected) times Gamma-Gamma (value per purchase), ranked among customers with a purchase day: top if
 * fewer than topShare·n have a strictly greater predicted value, middle below middleShare·n, else low.
 * The score is the predicted value to two decimals; ranks compare those scores, so ties share the better
 * class.
 */
@Component(service = ClassificationScheme.class)
public class ClvScheme implements ClassificationScheme {

    static final String HORIZON = "horizonWeeks";
    static final String TOP = "topShare";
    static final String MIDDLE = "middleShare";

    private static final List<SchemeClass> CLASSES = List.of(
            new SchemeClass("top", "Top predicted value", "#08519c",
                    "The fifth of buyers with the highest value predicted for the horizon.",
                    "Protect and grow: account manager, early access, loyalty rewards worth their predicted value."),
            new SchemeClass("middle", "Middle predicted value", "#6baed6",
                    "Buyers above the median predicted value, below the top fifth.",
                    "Develop: cross-sell and upgrade offers timed to their expected next purchase."),
            new SchemeClass("low", "Low predicted value", "#c6dbef", "The lower half of buyers by predicted value.",
                    "Serve at low cost: automated e-mail, self-service, periodic promotions."),
            new SchemeClass("none", "No prediction", "#bdbdbd",
                    "No purchase day up to the as-of date, or a population the models cannot be fitted to.",
                    "See value.tier and lifecycle.stage; once they buy, the model predicts."));

    private static final List<Setting> SETTINGS = List.of(
            Setting.integer(HORIZON, "Horizon in weeks", 52, "the value predicted is that of the next this many weeks")
                    .range(1.0, 520.0),
            Setting.decimal(TOP, "Share of buyers in the top class", 0.2,
                    "top when fewer than this share of buyers have a strictly greater predicted value").range(0.0, 1.0),
            Setting.decimal(MIDDLE, "Share of buyers in top and middle", 0.5,
                    "middle when fewer than this share of buyers have a strictly greater predicted value").range(0.0, 1.0));

    @Override public String id() { return "value.clv"; }
    @Override public String name() { return "Predicted value (CLV)"; }
    @Override public String description() {
        return "Top, middle and low value predicted for the coming weeks by BG/NBD and Gamma-Gamma, fitted each run.";
    }
    @Override public List<SchemeClass> classes() { return CLASSES; }
    @Override public List<Setting> settings() { return SETTINGS; }

    @Override
    public String validate(Settings s) {
        return s.decimal(TOP) > s.decimal(MIDDLE)
                ? "topShare (" + s.text(TOP) + ") is above middleShare (" + s.text(MIDDLE) + "): the top class is part of the share of top and middle"
                : null;
    }

    @Override
    public Classifier prepare(RunContext run) {
        Settings s = run.settings();
        int horizon = s.integer(HORIZON);
        double top = s.decimal(TOP), middle = s.decimal(MIDDLE);
        PredictiveFit fit = PredictiveFit.of(run);
        FittedModel model = fit.clvModel();
        if (!model.fitted()) {
            Explanation cannot = Explanation.of("cannot fit: " + model.cannotFit());
            return Classifier.withModel(model, f -> Assignment.of("none", f.purchaseDays() == 0 ? PredictiveFit.NO_PURCHASE : cannot));
        }
        double[] expected = fit.expectedPurchases(horizon);
        // Every buyer's predicted value, sorted, so that a customer's rank is one binary search.
        double[] values = new double[run.population().size()];
        int[] n = {0};
        run.forEachCustomer(f -> {
            Facts.PurchaseHistory h = f.purchaseHistory();
            if (h != null) {
                values[n[0]++] = predicted(fit, expected, h).value();
            }
        });
        double[] sorted = Arrays.copyOf(values, n[0]);
        Arrays.sort(sorted);
        int buyers = n[0];
        String topRule = "above < " + top + "·n", middleRule = "above < " + middle + "·n", lowRule = "above ≥ " + middle + "·n";
        return Classifier.withModel(model, f -> {
            Facts.PurchaseHistory h = f.purchaseHistory();
            if (h == null) {
                return Assignment.of("none", PredictiveFit.NO_PURCHASE);
            }
            Prediction p = predicted(fit, expected, h);
            int above = buyers - upperBound(sorted, p.value());
            String c = above < top * buyers ? "top" : above < middle * buyers ? "middle" : "low";
            String rule = c.equals("top") ? topRule : c.equals("middle") ? middleRule : lowRule;
            return new Assignment(c, p.value(), Explanation.of(rule, "p_alive", PredictiveFit.round(p.pAlive(), 3), "expected_purchases",
                    PredictiveFit.round(p.purchases(), 3), "horizon_weeks", horizon, "value_per_purchase", PredictiveFit.round(p.perPurchase(), 2),
                    "predicted_value", p.value(), "above", above, "n", buyers));
        });
    }

    private record Prediction(double pAlive, double purchases, double perPurchase, double value) {
    }

    private static Prediction predicted(PredictiveFit fit, double[] expected, Facts.PurchaseHistory h) {
        int g = fit.group(h);
        double purchases = expected[g];
        double perPurchase = fit.gammaGamma.expectedValue(h.x(), h.meanRepeatValue());
        return new Prediction(fit.pAlive(g), purchases, perPurchase, PredictiveFit.round(purchases * perPurchase, 2));
    }

    /** The number of values ≤ v in a sorted array. */
    private static int upperBound(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
