package prism.scheme.lifecycle.internal;

import java.time.temporal.ChronoUnit;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import prism.core.facts.Facts;
import prism.core.model.InteractionType;
import prism.core.scheme.Assignment;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.Classifier;
import prism.core.scheme.Explanation;
import prism.core.scheme.RunContext;
import prism.core.scheme.SchemeClass;
import prism.core.scheme.Setting;

/**
 * lifecycle.pipeline: among interactions after the last order (all of them without orders), the
 * latest one with a stage gives the class; else quoted_no_feedback when the latest is a quote older
 * than 14 days; else none.
 */
@Component(service = ClassificationScheme.class)
public class PipelineScheme implements ClassificationScheme {

    private static final List<SchemeClass> CLASSES = List.of(
            new SchemeClass("interested", "Interested", "#31a354", "Said they are interested.",
                    "Follow up fast, move to the next stage."),
            new SchemeClass("hesitating", "Hesitating", "#fec44f", "Interested but hesitating.",
                    "Talk, learn the need, don't over-sell."),
            new SchemeClass("not_now", "Not now", "#9ecae1", "Not buying now.",
                    "Record when they expect to buy, keep the channel open, send periodic material."),
            new SchemeClass("never", "Never", "#de2d26", "Said they will never buy.",
                    "Learn why, pass product gaps to development."),
            new SchemeClass("quoted_no_feedback", "Quoted, no feedback", "#fd8d3c",
                    "A quote more than two weeks old with no answer since.",
                    "Follow up on service and quality, show advantages, hint at price flexibility for cash or volume."),
            new SchemeClass("none", "No open sale", "#d9d9d9", "Nothing in the pipeline since the last order.", "—"));

    private static final List<Setting> SETTINGS = List.of(
            Setting.integer("quoteDays", "Quote without feedback after (days)", 14,
                    "quoted_no_feedback when the latest interaction is a quote older than this").range(0.0, null));

    @Override public String id() { return "lifecycle.pipeline"; }
    @Override public String name() { return "Sales pipeline"; }
    @Override public String description() {
        return "The sales stage since the last order: interested, hesitating, not now, never, or quoted without feedback.";
    }
    @Override public List<SchemeClass> classes() { return CLASSES; }
    @Override public List<Setting> settings() { return SETTINGS; }

    /** A customer's own facts and the settings decide: no ranking among the others. */
    @Override
    public boolean usesPopulation() {
        return false;
    }

    @Override
    public Classifier prepare(RunContext run) {
        int quoteDays = run.settings().integer("quoteDays");
        String quoteRule = "latest interaction a quote > " + quoteDays + " d old";
        return f -> assign(f, quoteDays, quoteRule);
    }

    private static Assignment assign(Facts f, int quoteDays, String quoteRule) {
        if (f.pipelineStage() != null) {
            String stage = f.pipelineStage().csvName();
            return Assignment.of(stage, Explanation.of("latest stage after the last order",
                    "stage", stage, "date", f.pipelineStageDate(), "last_order", f.lastOrder()));
        }
        if (f.latestInteractionType() == InteractionType.QUOTE) {
            long age = ChronoUnit.DAYS.between(f.latestInteractionDate(), f.asOf());
            if (age > quoteDays) {
                return Assignment.of("quoted_no_feedback", Explanation.of(quoteRule,
                        "quote_date", f.latestInteractionDate(), "age_days", age));
            }
        }
        return Assignment.of("none", Explanation.of("no stage and no unanswered quote since the last order",
                "latest", f.latestInteractionType() == null ? null : f.latestInteractionType().csvName(),
                "last_order", f.lastOrder()));
    }
}
