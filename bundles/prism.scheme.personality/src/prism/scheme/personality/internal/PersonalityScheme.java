package prism.scheme.personality.internal;

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
import prism.core.scheme.Settings;

/** personality.type: service states first (angry, demanding, curious), then the sales types. */
@Component(service = ClassificationScheme.class)
public class PersonalityScheme implements ClassificationScheme {

    private static final List<SchemeClass> CLASSES = List.of(
            new SchemeClass("angry", "Angry", "#d7301f", "Frustrated: a recent complaint or a poor survey score.",
                    "Empathy, a personal apology, a quick fix, and a gesture."),
            new SchemeClass("demanding", "Demanding", "#fc8d59", "Impatient, with high expectations: many recent tickets.",
                    "Fast, prioritised service."),
            new SchemeClass("curious", "Curious", "#fdcc8a", "Asks basic questions, often.",
                    "Patience, and a knowledge base to point to."),
            new SchemeClass("advocate", "Advocate", "#1a9850", "Friendly: refers others or praises publicly.",
                    "Referral and affiliate rewards, previews."),
            new SchemeClass("loyal", "Loyal", "#66bd63", "Habitual and quality-minded: buys often, for long, recently.",
                    "An account manager, early access, case studies."),
            new SchemeClass("bargain_hunter", "Bargain hunter", "#fee08b", "A tough negotiator: most orders discounted.",
                    "Longer, cheaper plans."),
            new SchemeClass("impulse", "Impulse buyer", "#f46d43", "Easily swayed: most orders from promotions.",
                    "Flash sales, limited-time offers."),
            new SchemeClass("informed", "Informed", "#3288bd", "A detail-oriented researcher: many contacts before buying.",
                    "Expert answers, full specifications."),
            new SchemeClass("new", "New", "#abd9e9", "Expects quality, unsure: first order within 90 days.",
                    "Onboarding, FAQ, a good first impression."),
            new SchemeClass("free", "Free user", "#e0f3f8", "Eager to try, cost-conscious: a free plan, no orders.",
                    "Limited-time upgrade offers."),
            new SchemeClass("unpredictable", "Unpredictable", "#bababa", "Unknown: nothing tells yet.",
                    "Try other surveys, such as customer effort score."));

    private static final List<Setting> SETTINGS = List.of(
            Setting.integer("angryComplaints90", "Angry from (complaints in 90 d)", 1, "angry when count90.complaint is at least this").range(0.0, null),
            Setting.integer("angryScore", "Angry up to (survey score)", 4, "angry when last_score is at most this").range(0.0, 10.0),
            Setting.integer("demandingTickets90", "Demanding from (tickets in 90 d)", 3, "demanding when count90.ticket is at least this").range(0.0, null),
            Setting.integer("curiousQuestions90", "Curious from (questions in 90 d)", 3, "curious when count90.question is at least this").range(0.0, null),
            Setting.integer("advocateScore", "Advocate from (survey score)", 9, "advocate when last_score is at least this and a review exists").range(0.0, 10.0),
            Setting.integer("loyalOrders", "Loyal from (orders)", 5, "loyal needs at least this many orders").range(0.0, null),
            Setting.integer("loyalTenureDays", "Loyal from (tenure days)", 365, "loyal needs tenure_days at least this").range(0.0, null),
            Setting.integer("loyalRecencyDays", "Loyal up to (recency days)", 180, "loyal needs recency_days at most this").range(0.0, null),
            Setting.integer("bargainOrders", "Bargain hunter from (orders)", 2, "bargain hunter needs at least this many orders").range(0.0, null),
            Setting.decimal("bargainShare", "Bargain hunter from (discount share)", 0.5, "bargain hunter when discount_share is at least this").range(0.0, 1.0),
            Setting.decimal("impulseShare", "Impulse from (promo share)", 0.5, "impulse when promo_share is at least this").range(0.0, 1.0),
            Setting.integer("informedInteractions", "Informed from (contacts before first order)", 5,
                    "informed when interactions_before_first_order is at least this").range(0.0, null),
            Setting.integer("newDays", "New for (days)", 90, "new when the first order is within this many days").range(0.0, null));

    @Override public String id() { return "personality.type"; }
    @Override public String name() { return "Personality type"; }
    @Override public String description() {
        return "Service states (angry, demanding, curious) first, then the eleven customer types and how to treat each.";
    }
    @Override public List<SchemeClass> classes() { return CLASSES; }
    @Override public List<Setting> settings() { return SETTINGS; }

    /**
     * One run's thresholds and the texts of the rules they make, built once per run's settings rather than
     * once per customer: a run classifies every customer, a million at a time.
     */
    private record Rules(Settings settings, int angryComplaints, int angryScore, int demanding, int curious,
            int advocateScore, int loyalOrders, int loyalTenure, int loyalRecency, int bargainOrders, double bargainShare,
            double impulseShare, int informed, int newDays, String angryComplaintsRule, String angryScoreRule,
            String demandingRule, String curiousRule, String advocateRule, String loyalRule, String bargainRule,
            String impulseRule, String informedRule, String newRule) {

        static Rules of(Settings s) {
            int angryComplaints = s.integer("angryComplaints90");
            int angryScore = s.integer("angryScore");
            int demanding = s.integer("demandingTickets90");
            int curious = s.integer("curiousQuestions90");
            int advocateScore = s.integer("advocateScore");
            int loyalOrders = s.integer("loyalOrders");
            int loyalTenure = s.integer("loyalTenureDays");
            int loyalRecency = s.integer("loyalRecencyDays");
            int bargainOrders = s.integer("bargainOrders");
            double bargainShare = s.decimal("bargainShare");
            double impulseShare = s.decimal("impulseShare");
            int informed = s.integer("informedInteractions");
            int newDays = s.integer("newDays");
            return new Rules(s, angryComplaints, angryScore, demanding, curious, advocateScore, loyalOrders, loyalTenure,
                    loyalRecency, bargainOrders, bargainShare, impulseShare, informed, newDays,
                    "count90.complaint ≥ " + angryComplaints, "last_score ≤ " + angryScore, "count90.ticket ≥ " + demanding,
                    "count90.question ≥ " + curious, "last_score ≥ " + advocateScore + " and count.review ≥ 1",
                    "orders ≥ " + loyalOrders + ", tenure_days ≥ " + loyalTenure + " and recency_days ≤ " + loyalRecency,
                    "orders ≥ " + bargainOrders + " and discount_share ≥ " + Explanation.format(bargainShare),
                    "orders ≥ 1 and promo_share ≥ " + Explanation.format(impulseShare),
                    "interactions_before_first_order ≥ " + informed, "first order within " + newDays + " d");
        }
    }

    /** A customer's own facts and the settings decide: no ranking among the others. */
    @Override
    public boolean usesPopulation() {
        return false;
    }

    @Override
    public Classifier prepare(RunContext run) {
        Rules rules = Rules.of(run.settings());
        return f -> assign(f, rules);
    }

    private static Assignment assign(Facts f, Rules r) {
        int complaints = f.count90(InteractionType.COMPLAINT);
        Integer score = f.lastScore();
        if (complaints >= r.angryComplaints()) {
            return Assignment.of("angry", Explanation.of(r.angryComplaintsRule(), "count90.complaint", complaints));
        }
        if (score != null && score <= r.angryScore()) {
            return Assignment.of("angry", Explanation.of(r.angryScoreRule(), "last_score", score));
        }
        int tickets = f.count90(InteractionType.TICKET);
        if (tickets >= r.demanding()) {
            return Assignment.of("demanding", Explanation.of(r.demandingRule(), "count90.ticket", tickets));
        }
        int questions = f.count90(InteractionType.QUESTION);
        if (questions >= r.curious()) {
            return Assignment.of("curious", Explanation.of(r.curiousRule(), "count90.question", questions));
        }
        int referrals = f.count(InteractionType.REFERRAL);
        if (referrals >= 1) {
            return Assignment.of("advocate", Explanation.of("count.referral ≥ 1", "count.referral", referrals));
        }
        int reviews = f.count(InteractionType.REVIEW);
        if (score != null && score >= r.advocateScore() && reviews >= 1) {
            return Assignment.of("advocate", Explanation.of(r.advocateRule(), "last_score", score, "count.review", reviews));
        }
        int orders = f.orders();
        // hasOrders() guards the order facts, which are absent without orders, whatever the settings say
        if (f.hasOrders() && orders >= r.loyalOrders() && f.tenureDays() >= r.loyalTenure()
                && f.recencyDays() <= r.loyalRecency()) {
            return Assignment.of("loyal", Explanation.of(r.loyalRule(), "orders", orders, "tenure_days", f.tenureDays(),
                    "recency_days", f.recencyDays()));
        }
        if (f.hasOrders() && orders >= r.bargainOrders() && f.discountShare() >= r.bargainShare()) {
            return Assignment.of("bargain_hunter", Explanation.of(r.bargainRule(), "orders", orders,
                    "discount_share", f.discountShare()));
        }
        if (orders >= 1 && f.promoShare() >= r.impulseShare()) {
            return Assignment.of("impulse", Explanation.of(r.impulseRule(), "orders", orders, "promo_share", f.promoShare()));
        }
        Integer before = f.interactionsBeforeFirstOrder();
        if (before != null && before >= r.informed()) {
            return Assignment.of("informed", Explanation.of(r.informedRule(), "interactions_before_first_order", before));
        }
        if (orders >= 1 && f.tenureDays() <= r.newDays()) {
            return Assignment.of("new", Explanation.of(r.newRule(), "first_order", f.firstOrder(), "tenure_days", f.tenureDays()));
        }
        if (orders == 0 && "free".equalsIgnoreCase(trim(f.customer().plan()))) {
            return Assignment.of("free", Explanation.of("plan = free and no orders", "plan", "free", "orders", 0));
        }
        return Assignment.of("unpredictable", Explanation.of("no other rule holds", "orders", orders,
                "last_score", score));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
