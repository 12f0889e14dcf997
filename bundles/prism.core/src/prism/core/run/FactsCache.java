package prism.core.run;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import prism.core.facts.Facts;
import prism.core.facts.FactsCodec;

/**
 * Every customer's facts for one as-of date, saved after a run with the number of the last import they
 * saw, so that the next run for the same date recomputes only the customers imported since.
 */
public final class FactsCache {

    private static final int FORMAT = 2;
    /** Facts encoded at once by the cores, then written: bounds the bytes held in memory. */
    private static final int WINDOW = 65_536;

    /** The facts of all customers for {@code asOf}, valid up to import number {@code importSeq}. */
    public record Snapshot(LocalDate asOf, long importSeq, List<Facts> facts) {
    }

    private FactsCache() {
    }

    /**
     * The snapshot in the file, or empty when there is none or it cannot be read (then a full run rebuilds
     * it). The file is mapped and its customers decoded in parallel, from the record offsets at its end.
     */
    public static Optional<Snapshot> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            java.nio.ByteBuffer b = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, size);
            if (b.getInt(0) != FORMAT) {
                return Optional.empty();
            }
            LocalDate asOf = LocalDate.ofEpochDay(b.getLong(4));
            long seq = b.getLong(12);
            int n = b.getInt(20);
            int offsets = (int) b.getLong((int) size - 8);
            Facts[] facts = new Facts[n];
            java.util.stream.IntStream.range(0, (n + 4095) / 4096).parallel().forEach(chunk -> {
                for (int i = chunk * 4096, end = Math.min(n, i + 4096); i < end; i++) {
                    int at = (int) b.getLong(offsets + 8 * i);
                    try {
                        facts[i] = FactsCodec.read(new BufferInput(b, at));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            return Optional.of(new Snapshot(asOf, seq, java.util.Arrays.asList(facts)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes the snapshot (to a temporary file first, so a crash never leaves half a cache): windows of
     * customers encoded in parallel, written in order, then the offset of each record.
     */
    public static void write(Path file, Snapshot s) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        List<Facts> all = s.facts();
        int n = all.size();
        long[] offsets = new long[n];
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(FORMAT);
            out.writeLong(s.asOf().toEpochDay());
            out.writeLong(s.importSeq());
            out.writeInt(n);
            long pos = 24;
            for (int from = 0; from < n; from += WINDOW) {
                int start = from;
                int chunks = (Math.min(n, from + WINDOW) - from + 4095) / 4096;
                byte[][] encoded = new byte[chunks][];
                int[][] lengths = new int[chunks][];
                java.util.stream.IntStream.range(0, chunks).parallel().forEach(k -> {
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(4096 * 160);
                    DataOutputStream d = new DataOutputStream(bytes);
                    int lo = start + k * 4096, hi = Math.min(n, lo + 4096);
                    lengths[k] = new int[hi - lo];
                    try {
                        for (int i = lo; i < hi; i++) {
                            int before = d.size();
                            FactsCodec.write(d, all.get(i));
                            lengths[k][i - lo] = d.size() - before;
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    encoded[k] = bytes.toByteArray();
                });
                for (int k = 0; k < chunks; k++) {
                    int lo = start + k * 4096;
                    for (int j = 0; j < lengths[k].length; j++) {
                        offsets[lo + j] = pos;
                        pos += lengths[k][j];
                    }
                    out.write(encoded[k]);
                }
            }
            for (long o : offsets) {
                out.writeLong(o);
            }
            out.writeLong(pos); // where the offsets start
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@link java.io.DataInput} over a mapped buffer from a position, for decoding records in parallel. */
    private static final class BufferInput implements java.io.DataInput {
        private final java.nio.ByteBuffer b;
        private int p;

        BufferInput(java.nio.ByteBuffer b, int p) {
            this.b = b;
            this.p = p;
        }

        @Override public void readFully(byte[] to) { readFully(to, 0, to.length); }
        @Override public void readFully(byte[] to, int off, int len) { b.get(p, to, off, len); p += len; }
        @Override public int skipBytes(int k) { p += k; return k; }
        @Override public boolean readBoolean() { return b.get(p++) != 0; }
        @Override public byte readByte() { return b.get(p++); }
        @Override public int readUnsignedByte() { return b.get(p++) & 0xff; }
        @Override public short readShort() { short v = b.getShort(p); p += 2; return v; }
        @Override public int readUnsignedShort() { return readShort() & 0xffff; }
        @Override public char readChar() { char v = b.getChar(p); p += 2; return v; }
        @Override public int readInt() { int v = b.getInt(p); p += 4; return v; }
        @Override public long readLong() { long v = b.getLong(p); p += 8; return v; }
        @Override public float readFloat() { float v = b.getFloat(p); p += 4; return v; }
        @Override public double readDouble() { double v = b.getDouble(p); p += 8; return v; }
        @Override public String readLine() { throw new UnsupportedOperationException(); }
        @Override public String readUTF() throws IOException { return DataInputStream.readUTF(this); }
    }

    /** The cached facts with the changed customers' fresh facts in place (new customers added), sorted by id. */
    public static List<Facts> merge(List<Facts> cached, List<Facts> changed) {
        Map<String, Facts> byId = new HashMap<>(cached.size() * 2);
        for (Facts f : cached) {
            byId.put(f.customer().id(), f);
        }
        for (Facts f : changed) {
            byId.put(f.customer().id(), f);
        }
        List<Facts> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(f -> f.customer().id()));
        return all;
    }
}
