package prism.rules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.core.model.InteractionType.COMPLAINT;
import static prism.testing.CustomerFixture.customer;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import prism.core.facts.Facts;
import prism.core.scheme.Assignment;
import prism.core.scheme.Population;
import prism.core.scheme.Settings;
import prism.rules.RuleDocument;
import prism.rules.RuleException;
import prism.rules.RuleScheme;
import prism.testing.CustomerFixture;

class RuleSchemeTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    /** DESIGN.md's example. */
    static final String VIP = """
            { "id": "rules.vip", "name": "VIP", "version": 1, "description": "Big buyers in the DACH countries",
              "classes": [
                { "id": "vip", "label": "VIP", "colour": "#08519c",
                  "when": "revenue_365 >= 1000 && country =~ ['DE','AT','CH']",
                  "description": "Big buyers", "strategy": "An account manager", "contactsPerYear": 12 },
                { "id": "repeat", "label": "Repeat", "when": "orders >= 2" },
                { "id": "other", "label": "Other", "when": "true" } ] }
            """;

    static Assignment classify(String doc, CustomerFixture c) throws RuleException {
        RuleScheme s = new RuleScheme(RuleDocument.parse("vip.json", doc));
        return CustomerFixture.classify(s, c.facts(), new Population(List.of()), Settings.defaults(s));
    }

    static String cls(String doc, CustomerFixture c) throws RuleException {
        return classify(doc, c).classId();
    }

    @Test
    void theFirstClassWhoseConditionHoldsWins() throws Exception {
        assertEquals("vip", cls(VIP, customer("a", AS_OF).country("DE").order(10, 600).order(300, 400)));
        assertEquals("repeat", cls(VIP, customer("b", AS_OF).country("FR").order(10, 600).order(300, 400)), "not in the list");
        assertEquals("repeat", cls(VIP, customer("c", AS_OF).country("DE").order(10, 600).order(400, 400)), "the 400 is older than 365 days");
        assertEquals("other", cls(VIP, customer("d", AS_OF).country("AT")));
        Assignment a = classify(VIP, customer("a", AS_OF).country("CH").order(10, 1000));
        assertEquals("revenue_365 >= 1000 && country =~ ['DE','AT','CH']", a.explanation().rule());
        assertEquals(List.of("revenue_365", "country"), List.of(a.explanation().name(0), a.explanation().name(1)));
        assertEquals(1000.0, ((Number) a.explanation().value(0)).doubleValue());
        assertEquals("CH", a.explanation().value(1));
    }

    @Test
    void noConditionHoldingGivesNone() throws Exception {
        String doc = """
                {"id": "rules.angry", "classes": [ {"id": "angry", "when": "count90.complaint >= 1 or last_score <= 4"} ]}""";
        assertEquals("angry", cls(doc, customer("a", AS_OF).interaction(3, COMPLAINT)));
        assertEquals("none", cls(doc, customer("b", AS_OF)), "no score is no low score: a missing fact never compares");
        assertEquals("angry", cls(doc, customer("c", AS_OF).interaction(3, prism.core.model.InteractionType.SURVEY, 3, null)));
    }

    @Test
    void attributesDatesAndArithmetic() throws Exception {
        String doc = """
                {"id": "rules.mix", "classes": [
                  {"id": "gold", "when": "attr.tier == 'gold' && !(plan == 'free')"},
                  {"id": "loyal", "when": "first_order < last_order && tenure_days >= 365"},
                  {"id": "big", "when": "revenue / orders > 100"} ]}""";
        assertEquals("gold", cls(doc, customer("a", AS_OF).attribute("tier", "gold").plan("pro")));
        assertEquals("none", cls(doc, customer("a", AS_OF).attribute("tier", "gold").plan("free")));
        assertEquals("loyal", cls(doc, customer("b", AS_OF).order(400, 10).order(3, 10)));
        assertEquals("big", cls(doc, customer("c", AS_OF).order(3, 250)));
        assertEquals("none", cls(doc, customer("d", AS_OF)), "revenue / 0 does not hold");
    }

    /** The document, the line and column of the error, and what the message says. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\": \"vip\", \"classes\": [{\"id\": \"a\", \"when\": \"true\"}]}|1|8|an id starting with \"rules.\"",
            "{\"id\": \"rules.x\", \"classes\": [{\"id\": \"a\", \"when\": \"orders >= \"}]}|1|59|",
            "{\"id\": \"rules.x\", \"classes\": [{\"id\": \"a\", \"when\": \"ordrs >= 2\"}]}|1|52|unknown fact or attribute 'ordrs'",
            "{\"id\": \"rules.x\", \"classes\": [{\"id\": \"a\", \"when\": \"orders >= 2 && last_order > 5\"}]}|1|67|cannot order a date against a number",
            "{\"id\": \"rules.x\", \"classes\": [{\"id\": \"a\", \"when\": \"last_order > '2026-01-01'\"}]}|1|52|cannot order a date against a string",
            "{\"id\": \"rules.x\", \"classes\": [{\"id\": \"a\", \"when\": \"orders\"}]}|1|52|a condition that is true or false",
            "{\"id\": \"rules.x\", \"classes\": [{\"id\": \"a\", \"colour\": \"blue\", \"when\": \"true\"}]}|1|53|a colour as #rrggbb",
            "{\"id\": \"rules.x\", \"classes\": [{\"id\": \"a\", \"when\": \"true\"}, {\"id\": \"a\", \"when\": \"true\"}]}|1|67|duplicate",
            "{\"id\": \"rules.x\", \"classes\": [{\"id\": \"a\", \"when\": \"true\"}|||malformed JSON",
            "{\"id\": \"rules.x\", \"classes\": [{\"id\": \"a\", \"when\": \"country =~ 'DE'\"}]}|1|52|=~ and !~ test membership"})
    void badDocumentsAreRefusedWithTheirPosition(String doc, Integer line, Integer column, String says) {
        RuleException e = assertThrows(RuleException.class, () -> RuleDocument.parse("bad.json", doc));
        assertTrue(e.getMessage().startsWith("bad.json:"), e.getMessage());
        if (line != null) {
            assertEquals(line, e.line(), e.getMessage());
            assertEquals(column, e.column(), e.getMessage());
        }
        if (says != null) {
            assertTrue(e.problem().contains(says), e.getMessage());
        }
    }

    @Test
    void aPositionOnALaterLineOfTheFile() {
        String doc = "{\n  \"id\": \"rules.x\",\n  \"classes\": [\n    {\"id\": \"a\", \"when\": \"orders >= 2 && foo\"}\n  ]\n}";
        RuleException e = assertThrows(RuleException.class, () -> RuleDocument.parse("x.json", doc));
        assertEquals("x.json:4:41: unknown fact or attribute 'foo'", e.getMessage().substring(0, e.getMessage().indexOf(';')));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''.getClass() == null", "new('java.io.File', '/') == null", "while (true) {}",
            "x = 1", "(function() { true })()", "#pragma a 1\ntrue", "java.lang.System.exit(1) == null", "orders.class == null",
            "[1,2][0] == 1", "{'a': 1} == null"})
    void aConditionCanNeitherCallJavaNorLoopNorAssign(String when) {
        String doc = "{\"id\": \"rules.x\", \"classes\": [{\"id\": \"a\", \"when\": \"" + when.replace("\n", "\\n") + "\"}]}";
        RuleException e = assertThrows(RuleException.class, () -> RuleDocument.parse("evil.json", doc), when);
        assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
    }

    @Test
    void hugeAndDeeplyNestedConditionsAreRefusedQuickly() {
        String huge = "orders >= 1" + " && orders >= 1".repeat(700_000); // about 10 MB
        long t = System.nanoTime();
        RuleException e = assertThrows(RuleException.class,
                () -> RuleDocument.parse("huge.json", "{\"id\": \"rules.x\", \"classes\": [{\"id\": \"a\", \"when\": \"" + huge + "\"}]}"));
        assertTrue((System.nanoTime() - t) / 1e9 < 5, "refused at once: " + e.getMessage());
        String deep = "(".repeat(2000) + "true" + ")".repeat(2000);
        RuleException d = assertThrows(RuleException.class,
                () -> RuleDocument.parse("deep.json", "{\"id\": \"rules.x\", \"classes\": [{\"id\": \"a\", \"when\": \"" + deep + "\"}]}"));
        assertTrue(d.problem().contains("levels of parentheses"), d.getMessage());
    }

    @Test
    void aFactsNamesAreAllUsable() throws Exception {
        StringBuilder when = new StringBuilder("true");
        for (String n : Facts.NAMES) {
            when.append(" && (").append(n).append(" == null || ").append(n).append(" != null)");
        }
        String doc = "{\"id\": \"rules.all\", \"classes\": [{\"id\": \"a\", \"when\": \"" + when + "\"}]}";
        assertEquals("a", cls(doc, customer("a", AS_OF).order(3, 10)));
    }
}
