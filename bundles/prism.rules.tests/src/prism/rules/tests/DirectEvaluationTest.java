package prism.rules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import prism.core.facts.Facts;
import prism.core.model.InteractionType;
import prism.rules.internal.Conditions;
import prism.rules.internal.Direct;
import prism.testing.CustomerFixture;

/**
 * The direct evaluator against JEXL's interpreter: random conditions over random customers (missing facts,
 * nulls, ties at the literal, integers against decimals) must get the same answer from both.
 */
class DirectEvaluationTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    static final String[] NUMBERS = {"orders", "orders_365", "revenue_365", "recency_days", "last_score", "count90.complaint",
            "discount_share", "margin_365", "avg_order_value", "count.ticket"};
    static final String[] NUMBER_LITERALS = {"0", "1", "2", "3", "5", "10", "30", "100", "250.5", "0.5", "0.0", "365"};
    static final String[] STRINGS = {"country", "plan", "attr.tier", "region"};
    static final String[] STRING_LITERALS = {"'DE'", "'AT'", "'FR'", "'free'", "'pro'", "'gold'", "''", "'North'"};
    static final String[] DATES = {"first_order", "last_order", "first_purchase", "created"};

    static List<Facts> customers(Random r, int n) {
        String[] countries = {"DE", "AT", "FR", null};
        String[] plans = {"free", "pro", null};
        String[] tiers = {"gold", "silver", null};
        InteractionType[] types = InteractionType.values();
        List<Facts> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CustomerFixture c = CustomerFixture.customer("c" + i, AS_OF).country(countries[r.nextInt(4)]).plan(plans[r.nextInt(3)])
                    .region(r.nextBoolean() ? "North" : null).refused(r.nextInt(3) == 0 ? null : r.nextBoolean());
            String tier = tiers[r.nextInt(3)];
            if (tier != null) {
                c.attribute("tier", tier);
            }
            int orders = r.nextInt(6);
            for (int k = 0; k < orders; k++) {
                // whole amounts often, so that sums meet the literals exactly
                double amount = r.nextBoolean() ? 50 * r.nextInt(6) : Math.round(r.nextDouble() * 40000) / 100.0;
                c.order(r.nextInt(500), amount, r.nextInt(4) == 0 ? amount * 0.1 : 0, r.nextBoolean(), false,
                        r.nextBoolean() ? amount * 0.6 : null);
            }
            for (int k = r.nextInt(4); k > 0; k--) {
                InteractionType t = types[r.nextInt(types.length)];
                c.interaction(r.nextInt(120), t, t == InteractionType.SURVEY ? r.nextInt(11) : null, null);
            }
            all.add(c.facts());
        }
        return all;
    }

    static String condition(Random r, int depth) {
        if (depth > 0 && r.nextInt(3) > 0) {
            String a = condition(r, depth - 1), b = condition(r, depth - 1);
            return switch (r.nextInt(5)) {
                case 0 -> a + " && " + b;
                case 1 -> a + " || " + b;
                case 2 -> "(" + a + " || " + b + ") && " + condition(r, depth - 1);
                case 3 -> "!(" + a + ")";
                default -> a + " and not (" + b + ")";
            };
        }
        return switch (r.nextInt(8)) {
            case 0, 1, 2 -> pick(r, NUMBERS) + " " + pick(r, new String[] {"==", "!=", "<", "<=", ">", ">="}) + " " + pick(r, NUMBER_LITERALS);
            case 3 -> pick(r, NUMBERS) + (r.nextBoolean() ? " =~ [1, 2, 3.0]" : " !~ [0, 250.5]");
            case 4 -> pick(r, STRINGS) + " " + pick(r, new String[] {"==", "!="}) + " " + (r.nextInt(4) == 0 ? "null" : pick(r, STRING_LITERALS));
            case 5 -> pick(r, STRINGS) + (r.nextBoolean() ? " =~ ['DE', 'AT', 'gold', 'pro']" : " !~ ['FR', 'free']");
            case 6 -> pick(r, DATES) + (r.nextInt(4) == 0 ? pick(r, new String[] {" == null", " != null"})
                    : " " + pick(r, new String[] {"<", "<=", ">", ">=", "==", "!="}) + " " + pick(r, DATES));
            default -> pick(r, new String[] {"refused", "!refused", "refused == true", "refused != false", "refused == null", "true", "false"});
        };
    }

    static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    @Test
    void theDirectEvaluatorAnswersAsJexlDoes() throws Exception {
        Random r = new Random(20261207);
        List<Facts> facts = customers(r, 1500);
        int direct = 0, holdsSometimes = 0;
        for (int k = 0; k < 400; k++) {
            String text = condition(r, 3);
            Conditions.Checked c = Conditions.check("random", 1, 0, text);
            Predicate<Facts> jexl = Conditions.interpreted(c);
            Predicate<Facts> fast = Direct.compile(c.expression());
            if (fast == null) {
                continue;
            }
            direct++;
            int holds = 0;
            for (Facts f : facts) {
                boolean expected = jexl.test(f);
                assertEquals(expected, fast.test(f), () -> text + " for " + f.customer().id() + " " + f.customer());
                holds += expected ? 1 : 0;
            }
            holdsSometimes += holds > 0 && holds < facts.size() ? 1 : 0;
        }
        assertEquals(400, direct, "these conditions are all comparisons, lists and logic");
        assertTrue(holdsSometimes > 200, "most random conditions split the customers: " + holdsSometimes);
    }

    @Test
    void arithmeticIsLeftToJexl() throws Exception {
        assertNull(Direct.compile(Conditions.check("a", 1, 0, "revenue / orders > 100").expression()));
        assertNull(Direct.compile(Conditions.check("a", 1, 0, "orders > -1").expression()), "a negative literal is arithmetic");
        assertNotNull(Direct.compile(Conditions.check("a", 1, 0, "orders > 1 && (country == 'DE' || !refused)").expression()));
    }
}
