package prism.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import prism.core.scheme.Explanation;

/** Explanations are what an analyst reads in exports and the customer editor: their text is a contract. */
class ExplanationTest {

    @Test
    void textNamesTheRuleAndTheValuesInTheOrderGiven() {
        Explanation e = Explanation.of("recency_days > 180", "recency_days", 212, "revenue", 1234.5, "margin", -0.004,
                "refund", -12.25, "share", 2.0 / 3, "last", LocalDate.of(2026, 1, 2), "score", null, "big", 3e15);
        assertEquals("recency_days > 180 [recency_days=212, revenue=1234.50, margin=0.00, refund=-12.25, share=0.67, "
                + "last=2026-01-02, score=none, big=3000000000000000.00]", e.toString());
        assertEquals(List.of("recency_days", "revenue", "margin", "refund", "share", "last", "score", "big"),
                List.copyOf(e.values().keySet()));
        assertEquals(212, e.values().get("recency_days"));
        assertEquals("orders = 0", Explanation.of("orders = 0").toString());
    }

    @Test
    void aNameGivenTwiceKeepsItsPlaceAndItsLastValue() {
        Explanation e = Explanation.of("r", "a", 1, "b", 2, "a", 3);
        assertEquals("r [a=3, b=2]", e.toString());
        assertEquals(2, e.values().size());
    }

    /** Name lists seen before skip the check for repeated names; a list that only looks the same must not. */
    @Test
    void aRepeatedNameIsFoundAfterTheSameNamesWereSeenDistinct() {
        for (int round = 0; round < 3; round++) {
            assertEquals("r [a=1, b=2]", Explanation.of("r", "a", 1, "b", 2).toString());
        }
        String alsoA = new String("a".toCharArray());
        assertEquals("r [a=2]", Explanation.of("r", "a", 1, alsoA, 2).toString());
        assertEquals("r [a=1, b=3]", Explanation.of("r", "a", 1, "b", 2, "b", 3).toString());
        assertEquals("r [a=1, b=2]", Explanation.of("r", "a", 1, "b", 2, "dangling").toString());
        assertEquals(Map.of("a", 1, "b", 2), Explanation.of("r", "a", 1, "b", 2).values());
    }

    @Test
    void equalToTheSameExplanationFromAnyMapAndUnmodifiable() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orders", 4);
        m.put("revenue", 10.0);
        Explanation fromMap = new Explanation("rule", m);
        m.put("later", 1); // the explanation took a copy
        assertEquals(Explanation.of("rule", "orders", 4, "revenue", 10.0), fromMap);
        assertEquals("rule [orders=4, revenue=10]", fromMap.toString());
        assertThrows(UnsupportedOperationException.class, () -> fromMap.values().put("x", 1));
    }
}
