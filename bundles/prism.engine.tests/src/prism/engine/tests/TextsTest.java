package prism.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import prism.engine.Texts;

/** A run's explanations are kept as UTF-8 in blocks: every text must read back exactly, from any block. */
class TextsTest {

    @Test
    void textsFromSeveralBlocksReadBackExactlyWhateverTheirCharacters() {
        String[] samples = {"", "R 1–2 & F 3–4 [R=2, F=3]", "above ≥ 0.5·n", "Région Île-de-France", "emoji 😀 pair",
                "plain ascii", "x".repeat(5000)};
        List<Texts.Block> blocks = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int k = 0;
        for (int b = 0; b < 7; b++) {
            Texts.Block block = new Texts.Block();
            int size = b == 2 || b == 5 ? 0 : 50 * b + 1; // empty blocks, as chunks left empty
            for (int i = 0; i < size; i++) {
                String s = samples[k++ % samples.length] + (i % 3 == 0 ? "" : " #" + i);
                StringBuilder sb = new StringBuilder(s); // any CharSequence
                block.add(sb);
                expected.add(s);
            }
            blocks.add(block);
        }
        Texts texts = Texts.of(blocks);
        assertEquals(expected.size(), texts.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), texts.get(i), "text " + i);
            assertEquals(java.util.Arrays.toString(expected.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    java.util.Arrays.toString(texts.utf8(i)), "bytes of text " + i);
        }
        assertEquals(expected, List.copyOf(texts));
        assertThrows(IndexOutOfBoundsException.class, () -> texts.get(expected.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> texts.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> texts.utf8(expected.size()));
    }

    @Test
    void aBlockSizedTooSmallOrTooLargeStillKeepsEveryText() {
        List<Texts.Block> blocks = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int[][] sizes = {{1, 1}, {3, 4096}, {200, 2}, {0, 0}};
        for (int[] size : sizes) {
            Texts.Block block = new Texts.Block(size[0], size[1]);
            int bytes = 0;
            for (int i = 0; i < 300; i++) {
                String s = i % 7 == 0 ? "" : "Zürich #" + i;
                block.add(s);
                expected.add(s);
                bytes += s.isEmpty() ? 0 : 1 + s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
            assertEquals(300, block.size());
            assertEquals(bytes, block.byteLength(), "a text kept as UTF-8 takes a byte for its form and its bytes");
            blocks.add(block);
        }
        Texts texts = Texts.of(blocks);
        assertEquals(expected, List.copyOf(texts));
    }

    @Test
    void aLoneSurrogateIsWrittenAsStringsWriteIt() {
        String odd = "a\ud800b";
        Texts t = Texts.of(odd, null, "c");
        assertEquals(new String(odd.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8),
                t.get(0));
        assertEquals("", t.get(1), "a null text reads as empty");
        assertEquals("c", t.get(2));
        assertEquals(0, Texts.of().size());
    }
}
