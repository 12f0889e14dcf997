package prism.rules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import prism.rules.Condition;
import prism.rules.Condition.Group;
import prism.rules.Condition.Comparison;
import prism.rules.RuleException;

/** One condition as the editor checks it, and its pickers kept in step with its text. */
class ConditionTest {

    @Test
    void aSimpleConditionIsAGroupOfPickers() throws Exception {
        Condition c = Condition.parse("revenue_365 >= 1000 && country =~ ['DE','AT','CH']");
        assertEquals(new Group(true, List.of(new Comparison("revenue_365", ">=", "1000"), new Comparison("country", "=~", "['DE', 'AT', 'CH']"))),
                c.tree().orElseThrow());
        assertEquals(List.of("revenue_365", "country"), c.names());
    }

    @Test
    void groupsNestAndTheTextReadsBackToTheSameTree() throws Exception {
        Condition c = Condition.parse("(orders >= 2 and recency_days <= 30) || attr.tier == 'gold' || count90.complaint > 0");
        Group g = (Group) c.tree().orElseThrow();
        assertEquals(false, g.all());
        assertEquals(3, g.items().size(), "a || b || c is one group of three");
        assertEquals(new Group(true, List.of(new Comparison("orders", ">=", "2"), new Comparison("recency_days", "<=", "30"))), g.items().get(0));
        String text = Condition.text(g);
        assertEquals("(orders >= 2 && recency_days <= 30) || attr.tier == 'gold' || count90.complaint > 0", text);
        assertEquals(g, Condition.parse(text).tree().orElseThrow());
    }

    @Test
    void trueIsAnEmptyGroupAndOneTestIsAGroupOfOne() throws Exception {
        assertEquals(new Group(true, List.of()), Condition.parse("true").tree().orElseThrow());
        assertEquals("true", Condition.text(new Group(true, List.of())));
        Group one = (Group) Condition.parse("plan == 'it''s'".replace("''", "\\'")).tree().orElseThrow();
        assertEquals(new Comparison("plan", "==", "'it\\'s'"), one.items().get(0));
        assertEquals("plan == 'it\\'s'", Condition.text(one));
    }

    @Test
    void whatPickersCannotShowHasNoTree() throws Exception {
        assertTrue(Condition.parse("revenue / orders > 100").tree().isEmpty());
        assertTrue(Condition.parse("!(orders > 2)").tree().isEmpty());
        assertTrue(Condition.parse("first_order < last_order").tree().isEmpty(), "a name against a name");
    }

    @Test
    void errorsHaveTheirColumnInTheConditionsOwnText() {
        RuleException e = assertThrows(RuleException.class, () -> Condition.parse("orders >= 2 && revenu_365 > 10"));
        assertEquals(1, e.line());
        assertEquals(16, e.column(), e.getMessage());
        assertTrue(e.problem().contains("unknown fact or attribute 'revenu_365'"), e.problem());
        RuleException t = assertThrows(RuleException.class, () -> Condition.parse("last_order > '2026-01-01'"));
        assertTrue(t.problem().contains("cannot order a date against a string"), t.problem());
    }
}
