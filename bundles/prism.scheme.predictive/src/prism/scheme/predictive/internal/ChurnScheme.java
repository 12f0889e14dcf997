package prism.scheme.predictive.internal;

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
 * value.churn: among customers who bought on more than one day, active when BG/NBD's P(alive) ≥
 * activeThreshold, at_risk when ≥ atRiskThreshold, else likely_lost; one_time for a single purchase day,
 * none without one. The score is P(alive) to three decimals.
 */
@Component(service = ClassificationScheme.class)
public class ChurnScheme implements ClassificationScheme {

    static final String ACTIVE = "activeThreshold";
    static final String AT_RISK = "atRiskThreshold";

    private static final List<SchemeClass> CLASSES = List.of(
            new SchemeClass("active", "Active", "#1a9850", "Repeat buyers the model holds still alive (P(alive) ≥ 0.7).",
                    "Keep the rhythm: timely replenishment, loyalty benefits, no discounts they do not need."),
            new SchemeClass("at_risk", "At risk", "#fdae61", "Repeat buyers whose P(alive) has fallen below 0.7.",
                    "Win them back before they go: a personal contact, a reason to return, a survey of what changed."),
            new SchemeClass("likely_lost", "Likely lost", "#d73027", "Repeat buyers with P(alive) below 0.3.",
                    "A last, low-cost win-back; learn why they left and pass it on."),
            new SchemeClass("one_time", "One-time buyer", "#74add1", "A single purchase day: the model has no repeat to judge by.",
                    "Earn the second purchase: onboarding, a first-repeat offer, a follow-up on the first delivery."),
            new SchemeClass("none", "No purchase", "#bdbdbd",
                    "No purchase day up to the as-of date, or a population the model cannot be fitted to.",
                    "See lifecycle.stage and lifecycle.pipeline."));

    private static final List<Setting> SETTINGS = List.of(
            Setting.decimal(ACTIVE, "P(alive) of an active customer", 0.7, "active when P(alive) is at least this").range(0.0, 1.0),
            Setting.decimal(AT_RISK, "P(alive) of a customer at risk", 0.3, "at_risk when P(alive) is at least this, below active")
                    .range(0.0, 1.0));

    @Override public String id() { return "value.churn"; }
    @Override public String name() { return "Churn risk"; }
    @Override public String description() {
        return "Active, at risk or likely lost by the probability of being alive under BG/NBD, fitted each run.";
    }
    @Override public List<SchemeClass> classes() { return CLASSES; }
    @Override public List<Setting> settings() { return SETTINGS; }

    @Override
    public String validate(Settings s) {
        return s.decimal(AT_RISK) > s.decimal(ACTIVE)
                ? "atRiskThreshold (" + s.text(AT_RISK) + ") is above activeThreshold (" + s.text(ACTIVE) + ")"
                : null;
    }

    @Override
    public Classifier prepare(RunContext run) {
        Settings s = run.settings();
        double active = s.decimal(ACTIVE), atRisk = s.decimal(AT_RISK);
        PredictiveFit fit = PredictiveFit.of(run);
        FittedModel model = fit.churnModel();
        Explanation cannot = model.fitted() ? null : Explanation.of("cannot fit: " + model.cannotFit());
        String activeRule = "P(alive) ≥ " + active, atRiskRule = "P(alive) ≥ " + atRisk, lostRule = "P(alive) < " + atRisk;
        return Classifier.withModel(model, f -> {
            Facts.PurchaseHistory h = f.purchaseHistory();
            if (h == null) {
                return Assignment.of("none", PredictiveFit.NO_PURCHASE);
            }
            if (h.x() == 0) {
                return Assignment.of("one_time", Explanation.of("x = 0", "purchase_days", 1));
            }
            if (cannot != null) {
                return Assignment.of("none", cannot);
            }
            double p = PredictiveFit.round(fit.pAlive(fit.group(h)), 3);
            String c = p >= active ? "active" : p >= atRisk ? "at_risk" : "likely_lost";
            return new Assignment(c, p, Explanation.of(c.equals("active") ? activeRule : c.equals("at_risk") ? atRiskRule : lostRule,
                    "p_alive", p, "x", h.x(), "t_x_weeks", PredictiveFit.round(h.txDays() / 7.0, 2), "T_weeks", PredictiveFit.round(h.tDays() / 7.0, 2)));
        });
    }
}
