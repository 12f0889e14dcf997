package prism.engine;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of texts kept in a few large blocks: a run has one explanation for each customer
 * and scheme, six million at a million customers, and as separate strings they filled the heap and kept
 * the garbage collector busy. An explanation is kept in its compact form
 * ({@link ExplanationCodec#writeCompact}), about a quarter of its UTF-8, and becomes text
 * only when it is read; other texts are kept as UTF-8.
 */
public final class Texts extends AbstractList<String> implements RandomAccess {

    private static final Texts EMPTY = new Texts(new int[] {0}, new byte[0][], new int[0][]);

    /** Index of the first text of each block, and one past the last text at the end. */
    private final int[] starts;
    private final byte[][] data;
    /** Per block, the end offset of each text in its bytes. */
    private final int[][] ends;

    private Texts(int[] starts, byte[][] data, int[][] ends) {
        this.starts = starts;
        this.data = data;
        this.ends = ends;
    }

    /** The texts of the blocks in order; each block is the next stretch of indexes. */
    public static Texts of(List<Block> blocks) {
        int[] starts = new int[blocks.size() + 1];
        byte[][] data = new byte[blocks.size()][];
        int[][] ends = new int[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            Block k = blocks.get(b);
            // Trimmed only when much is unused: copying six schemes' texts costs more than some slack.
            data[b] = k.bytes.length - k.length > k.bytes.length / 4 ? Arrays.copyOf(k.bytes, k.length) : k.bytes;
            ends[b] = k.ends.length - k.count > k.ends.length / 4 ? Arrays.copyOf(k.ends, k.count) : k.ends;
            starts[b + 1] = Math.addExact(starts[b], k.count);
        }
        return new Texts(starts, data, ends);
    }

    /** The given texts, a null as an empty text. */
    public static Texts of(String... texts) {
        if (texts.length == 0) {
            return EMPTY;
        }
        Block b = new Block();
        for (String t : texts) {
            b.add(t == null ? "" : t);
        }
        return of(List.of(b));
    }

    @Override
    public int size() {
        return starts[starts.length - 1];
    }

    @Override
    public String get(int index) {
        return new String(utf8(index), StandardCharsets.UTF_8);
    }

    /** A text's UTF-8 bytes, as {@code get(index).getBytes(UTF_8)} gives them, without the String between. */
    public byte[] utf8(int index) {
        int[] at = locate(index);
        byte[] d = data[at[0]];
        if (at[1] == at[2]) {
            return new byte[0];
        }
        return d[at[1]] == RAW ? Arrays.copyOfRange(d, at[1] + 1, at[2])
                : ExplanationCodec.compactToUtf8(d, at[1] + 1, at[2]);
    }

    /**
     * A text's UTF-8 bytes into {@code buffer[0]} (replaced by a larger array when too small), returning
     * their length: {@link #utf8} without an array per text, for hashing a million of them.
     */
    public int utf8(int index, byte[][] buffer) {
        int[] at = locate(index);
        byte[] d = data[at[0]];
        if (at[1] == at[2]) {
            return 0;
        }
        if (d[at[1]] != RAW) {
            return ExplanationCodec.compactToUtf8(d, at[1] + 1, at[2], buffer);
        }
        int n = at[2] - at[1] - 1;
        if (buffer[0].length < n) {
            buffer[0] = new byte[Math.max(n, 2 * buffer[0].length)];
        }
        System.arraycopy(d, at[1] + 1, buffer[0], 0, n);
        return n;
    }

    /** The first byte of a text that is kept as UTF-8; an explanation's compact form starts with {@link #COMPACT}. */
    private static final byte RAW = 0, COMPACT = 1;

    /** The block, first byte and end of a text. */
    private int[] locate(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        int b = blockOf(index);
        int i = index - starts[b];
        return new int[] {b, i == 0 ? 0 : ends[b][i - 1], ends[b][i]};
    }

    /** The block that holds text {@code index}, which is in range. */
    private int blockOf(int index) {
        int b = Arrays.binarySearch(starts, index);
        if (b < 0) {
            return -b - 2; // the block that starts before the index
        }
        while (starts[b + 1] == index) {
            b++; // skip empty blocks
        }
        return b;
    }

    /** Texts being added one after another, for one stretch of a {@link Texts}; not thread-safe. */
    public static final class Block {
        private byte[] bytes;
        private int length;
        private int[] ends;
        private int count;
        /** The texts copied from last and the block of them that held the last text copied. */
        private Texts lastFrom;
        private int lastBlock;

        public Block() {
            this(64);
        }

        /** A block sized for about {@code texts} texts of a typical explanation's length, so it rarely grows. */
        public Block(int texts) {
            this(texts, 32);
        }

        /**
         * A block sized for about {@code texts} texts of about {@code bytesEach} bytes as kept: sized well, it
         * neither grows nor is trimmed (copied) when {@link Texts#of(List)} takes it.
         *
         * @since 2.4
         */
        public Block(int texts, int bytesEach) {
            bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(256L, (long) texts * Math.max(1, bytesEach)))];
            ends = new int[Math.max(16, texts)];
        }

        /**
         * The bytes the texts added so far take as kept, for sizing the next block like this one.
         *
         * @since 2.4
         */
        public int byteLength() {
            return length;
        }

        /**
         * Appends a text as the next one, as String.getBytes encodes it (a lone surrogate as "?"). A run's
         * explanations come through {@link #add(prism.core.scheme.Explanation)}, which writes UTF-8 itself.
         */
        public void add(CharSequence s) {
            byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
            if (b.length == 0) {
                addEmpty();
                return;
            }
            room(b.length + 1);
            bytes[length] = RAW;
            System.arraycopy(b, 0, bytes, length + 1, b.length);
            end(length + 1 + b.length);
        }

        /** Appends an explanation as the next text, in its compact form: its text is made when it is read. */
        public void add(prism.core.scheme.Explanation e) {
            room(ExplanationCodec.maxCompactLength(e) + 1);
            bytes[length] = COMPACT;
            end(ExplanationCodec.writeCompact(e, bytes, length + 1));
        }

        private void room(int need) {
            if (bytes.length - length < need) {
                bytes = Arrays.copyOf(bytes, Math.max(length + need, bytes.length + (bytes.length >> 1)));
            }
        }

        /** Appends text {@code index} of {@code from} as the next one, copying its bytes as they are kept. */
        public void add(Texts from, int index) {
            if (index < 0 || index >= from.size()) {
                throw new IndexOutOfBoundsException(index);
            }
            int b = lastBlock;
            if (from != lastFrom || index < from.starts[b] || index >= from.starts[b + 1]) {
                b = from.blockOf(index); // mostly the next index of the same block as the last call
                lastFrom = from;
                lastBlock = b;
            }
            int i = index - from.starts[b];
            int start = i == 0 ? 0 : from.ends[b][i - 1], n = from.ends[b][i] - start;
            room(n);
            System.arraycopy(from.data[b], start, bytes, length, n); // in whichever form it is kept
            end(length + n);
        }

        /** Appends an empty text. */
        public void addEmpty() {
            end(length);
        }

        private void end(int p) {
            length = p;
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, 2 * count);
            }
            ends[count++] = p;
        }

        /** Number of texts added. */
        public int size() {
            return count;
        }
    }
}
