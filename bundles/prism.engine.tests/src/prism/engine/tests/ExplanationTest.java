package prism.engine.tests;

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

    /** A run writes explanations as UTF-8 straight into its blocks: the text read back must be what toString gives. */
    @Test
    void writtenAsUtf8ItReadsAsItsTextEvenForRareValues() {
        Explanation e = Explanation.of("R 1–2 ≥ \uD834\uDD1E", "name·x", "a\uD800b", "neg", Long.MIN_VALUE, "imin",
                Integer.MIN_VALUE, "z", -0.0, "half", 0.005, "nan", Double.NaN, "inf", Double.NEGATIVE_INFINITY, "huge", 1e20,
                "far", LocalDate.of(12345, 1, 2), "bc", LocalDate.of(-5, 3, 4), "yes", true, "l", 42L, "tiny", -0.001);
        String text = "R 1–2 ≥ \uD834\uDD1E [name·x=a?b, neg=-9223372036854775808, imin=-2147483648, z=0, half=0.01, nan=NaN, "
                + "inf=-Infinity, huge=100000000000000000000.00, far=+12345-01-02, bc=-0005-03-04, yes=true, l=42, tiny=0.00]";
        assertEquals(text, e.toString());
        assertEquals(text, e.appendTo(new StringBuilder()).toString());
        prism.engine.Texts.Block block = new prism.engine.Texts.Block(1); // small, so the block has to grow
        for (int i = 0; i < 200; i++) {
            block.add(i % 2 == 0 ? e : Explanation.of("orders = " + i, "orders", i, "day", LocalDate.of(2026, 1 + i % 12, 9)));
        }
        block.addEmpty();
        prism.engine.Texts texts = prism.engine.Texts.of(List.of(block));
        assertEquals(text, texts.get(0));
        assertEquals("orders = 199 [orders=199, day=2026-08-09]", texts.get(199));
        assertEquals("", texts.get(200));
        org.junit.jupiter.api.Assertions.assertArrayEquals(text.replace('\uD800', '?').getBytes(java.nio.charset.StandardCharsets.UTF_8),
                texts.utf8(198));
        assertEquals("12345678901234", Explanation.format(12345678901234.0));
        assertEquals("-7.50", Explanation.format(-7.5));
    }

    /**
     * A run keeps explanations in a compact form and makes their text when read: for any values, the text
     * read back must be exactly toString's, in the block that wrote it and in one that copied it.
     */
    @Test
    void keptCompactlyTheyReadBackAsTheirTextForAnyValues() {
        java.util.Random rnd = new java.util.Random(42);
        Object[] odd = {0.005, -0.004, 5.001, -5.001, 1e13 - 0.01, 1e13, -1e15 + 1, 1e15, 0.1 + 0.2, -0.0, Double.MAX_VALUE,
                Double.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, LocalDate.MIN, LocalDate.MAX,
                LocalDate.of(0, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(10000, 1, 1), "", "é", "x".repeat(65),
                "naïve ≥ 😀", null, true, 'c', java.math.BigDecimal.TEN};
        List<Explanation> made = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            int pairs = rnd.nextInt(6);
            Object[] kv = new Object[2 * pairs];
            for (int j = 0; j < pairs; j++) {
                kv[2 * j] = j % 2 == 0 ? "n" + j : "naïve·" + rnd.nextInt(3);
                kv[2 * j + 1] = switch (rnd.nextInt(7)) {
                    case 0 -> odd[rnd.nextInt(odd.length)];
                    case 1 -> rnd.nextInt();
                    case 2 -> rnd.nextLong();
                    case 3 -> Math.round(rnd.nextGaussian() * 1e6) / 100.0;
                    case 4 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(20) - 3) * (rnd.nextBoolean() ? 1 : -1);
                    case 5 -> LocalDate.ofEpochDay(rnd.nextInt(40_000) - 10_000);
                    default -> "v" + rnd.nextInt(100_000); // more words than rules: some repeat, most do not
                };
            }
            made.add(Explanation.of(i % 3 == 0 ? "rule " + i : "R 1–2 ≥ " + i % 7, kv));
        }
        prism.engine.Texts.Block block = new prism.engine.Texts.Block(10);
        made.forEach(block::add);
        prism.engine.Texts texts = prism.engine.Texts.of(List.of(block));
        prism.engine.Texts.Block copy = new prism.engine.Texts.Block();
        for (int i = made.size() - 1; i >= 0; i--) {
            copy.add(texts, i);
        }
        prism.engine.Texts copied = prism.engine.Texts.of(List.of(copy));
        long utf8 = 0;
        for (int i = 0; i < made.size(); i++) {
            String text = made.get(i).toString();
            assertEquals(text, texts.get(i), "explanation " + i);
            assertEquals(text, copied.get(made.size() - 1 - i), "copied explanation " + i);
            utf8 += texts.utf8(i).length;
        }
        org.junit.jupiter.api.Assertions.assertTrue(utf8 > 0);
    }
}
