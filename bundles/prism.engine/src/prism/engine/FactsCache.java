package prism.engine;

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
import prism.engine.FactsCodec;

/**
 * Every customer's facts for one as-of date, saved after a run with the number of the last import they
 * saw, so that the next run for the same date recomputes only the customers imported since.
 */
public final class FactsCache {

    private static final int FORMAT = 3; // 3: purchase days
    /** Facts encoded at once by the cores, then written: bounds the bytes held in memory. */
    private static final int WINDOW = 65_536;

    /** The facts of all customers for {@code asOf}, valid up to import number {@code importSeq}. */
    public record Snapshot(LocalDate asOf, long importSeq, List<Facts> facts) {
    }

    /**
     * A cache as read: all facts (the base file with its changes file applied), and the changes alone,
     * which the next run extends rather than writing every customer again.
     */
    public record Loaded(Snapshot snapshot, Stamp base, List<Facts> changes) {
    }

    /** What identifies a base file, recorded in its changes file: changes never apply to another base. */
    public record Stamp(LocalDate asOf, long importSeq, int customers, long bytes) {
    }

    private static final int CHANGES_FORMAT = 1_000_004;

    private FactsCache() {
    }

    /**
     * The snapshot in the file, or empty when there is none or it cannot be read (then a full run rebuilds
     * it). The file is mapped and its customers decoded in parallel, from the record offsets at its end.
     */
    public static Optional<Snapshot> read(Path file) {
        return load(file).map(Loaded::snapshot);
    }

    /**
     * The base file with its changes file applied, when both are there and belong together; the base
     * alone when the changes file is missing, damaged or written for another base.
     */
    public static Optional<Loaded> load(Path file) {
        return load(file, seq -> 0, notice -> { });
    }

    /**
     * As {@link #load(Path)}, trusting each file only when it matches its checksums and was sealed with
     * {@code tokenOf} the import it was made after (see {@link DerivedFiles}); a file that does not is
     * dropped, with a {@code notice} of why.
     */
    public static Optional<Loaded> load(Path file, java.util.function.LongUnaryOperator tokenOf,
            java.util.function.Consumer<String> notice) {
        if (!trusted(file, 12, tokenOf, notice, "facts cache")) {
            DerivedFiles.drop(changesFile(file));
            return Optional.empty();
        }
        Optional<Snapshot> base = readBase(file);
        if (base.isEmpty()) {
            return Optional.empty();
        }
        Stamp stamp;
        try {
            stamp = new Stamp(base.get().asOf(), base.get().importSeq(), base.get().facts().size(), Files.size(file));
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<Snapshot> changes = trusted(changesFile(file), 32, tokenOf, notice, "facts cache's changes")
                ? readChanges(changesFile(file), stamp) : Optional.empty();
        if (changes.isEmpty()) {
            return Optional.of(new Loaded(base.get(), stamp, List.of()));
        }
        Snapshot c = changes.get();
        return Optional.of(new Loaded(new Snapshot(c.asOf(), c.importSeq(), merge(base.get().facts(), c.facts())), stamp,
                c.facts()));
    }

    /**
     * Whether a file is there, intact and of the database's present content: the import number in its
     * header (at {@code seqAt}) must have the token it was sealed with.
     */
    private static boolean trusted(Path file, int seqAt, java.util.function.LongUnaryOperator tokenOf,
            java.util.function.Consumer<String> notice, String what) {
        DerivedFiles.Check check = DerivedFiles.check(file);
        if (check.state() == DerivedFiles.State.ABSENT) {
            return false;
        }
        if (check.state() == DerivedFiles.State.DAMAGED) {
            notice.accept("the " + what + " " + file + " is damaged: dropped; the facts are computed from the database");
            DerivedFiles.drop(file);
            return false;
        }
        long seq;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            in.skipNBytes(seqAt);
            seq = in.readLong();
        } catch (IOException e) {
            DerivedFiles.drop(file);
            return false;
        }
        if (tokenOf.applyAsLong(seq) != check.token()) {
            notice.accept("the " + what + " " + file + " was made from other content than the database now holds "
                    + "(restored from a backup?): dropped; the facts are computed from the database");
            DerivedFiles.drop(file);
            return false;
        }
        return true;
    }

    /** Where the changes to a base file are kept. */
    public static Path changesFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".changes");
    }

    private static Optional<Snapshot> readBase(Path file) {
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
            java.util.concurrent.atomic.AtomicBoolean unsorted = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.stream.IntStream.range(0, (n + 4095) / 4096).parallel().forEach(chunk -> {
                FactsCodec.Pool pool = new FactsCodec.Pool();
                for (int i = chunk * 4096, end = Math.min(n, i + 4096); i < end; i++) {
                    int at = (int) b.getLong(offsets + 8 * i);
                    try {
                        facts[i] = FactsCodec.read(new BufferInput(b, at), pool);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (i > chunk * 4096 && before(facts[i], facts[i - 1])) {
                        unsorted.set(true);
                    }
                }
            });
            return Optional.of(new Snapshot(asOf, seq, inIdOrder(java.util.Arrays.asList(facts), unsorted.get())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes the snapshot (to a temporary file first, so a crash never leaves half a cache): windows of
     * customers encoded in parallel, written in order, then the offset of each record.
     */
    public static void write(Path file, Snapshot s) throws IOException {
        writeChecked(file, s, 0);
    }

    /** As {@link #write(Path, Snapshot)}, sealed with the content token of the snapshot's import. */
    public static void write(Path file, Snapshot s, long token) throws IOException {
        writeChecked(file, s, token);
    }

    /** As {@link #write}; returns whether the facts are in strictly ascending id order, checked as they are encoded. */
    private static boolean writeChecked(Path file, Snapshot s, long token) throws IOException {
        java.util.concurrent.atomic.AtomicBoolean unsorted = new java.util.concurrent.atomic.AtomicBoolean();
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
                            if (i > 0 && before(all.get(i), all.get(i - 1))) { // ids at hand: checked for merge
                                unsorted.set(true);
                            }
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
        Files.deleteIfExists(changesFile(file)); // before the new base: changes never meet a base not theirs
        DerivedFiles.seal(tmp, file, token); // it was for the old base (and its stamp would not match)
        return !unsorted.get();
    }

    /**
     * Saves the facts of a run that recomputed {@code fresh} over {@code loaded}: when few customers
     * have changed since the base was written, only they go to the changes file (milliseconds instead
     * of rewriting a million customers); otherwise {@code all} becomes the new base.
     */
    public static void save(Path file, Snapshot all, Loaded loaded, List<Facts> fresh) throws IOException {
        saveAndKeep(file, all, loaded, fresh, 0);
    }

    /**
     * As {@link #save} ({@link #write} when {@code loaded} is null), returning what {@link #load} would now
     * read from the files, so that a process that runs again needn't read them.
     */
    public static Loaded saveAndKeep(Path file, Snapshot all, Loaded loaded, List<Facts> fresh) throws IOException {
        return saveAndKeep(file, all, loaded, fresh, 0);
    }

    /** As {@link #saveAndKeep(Path, Snapshot, Loaded, List)}, sealed with the content token of {@code all}'s import. */
    public static Loaded saveAndKeep(Path file, Snapshot all, Loaded loaded, List<Facts> fresh, long token) throws IOException {
        List<Facts> changes = loaded == null ? List.of() : merge(loaded.changes(), fresh);
        if (loaded == null || !loaded.base().asOf().equals(all.asOf()) || changes.size() > Math.max(1_000, all.facts().size() / 20)) {
            boolean inOrder = writeChecked(file, all, token);
            Snapshot kept = new Snapshot(all.asOf(), all.importSeq(), inIdOrder(all.facts(), !inOrder));
            return new Loaded(kept, new Stamp(all.asOf(), all.importSeq(), all.facts().size(), Files.size(file)), List.of());
        }
        Path target = changesFile(file);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(CHANGES_FORMAT);
            Stamp b = loaded.base();
            out.writeLong(b.asOf().toEpochDay());
            out.writeLong(b.importSeq());
            out.writeInt(b.customers());
            out.writeLong(b.bytes());
            out.writeLong(all.importSeq());
            out.writeInt(changes.size());
            for (Facts f : changes) {
                FactsCodec.write(out, f);
            }
        }
        DerivedFiles.seal(tmp, target, token);
        return new Loaded(all, loaded.base(), changes);
    }

    private static Optional<Snapshot> readChanges(Path file, Stamp base) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != CHANGES_FORMAT) {
                return Optional.empty();
            }
            Stamp b = new Stamp(LocalDate.ofEpochDay(in.readLong()), in.readLong(), in.readInt(), in.readLong());
            if (!b.equals(base)) {
                return Optional.empty();
            }
            long seq = in.readLong();
            int n = in.readInt();
            List<Facts> facts = new ArrayList<>(n);
            FactsCodec.Pool pool = new FactsCodec.Pool();
            for (int i = 0; i < n; i++) {
                facts.add(FactsCodec.read(in, pool));
            }
            return Optional.of(new Snapshot(base.asOf(), seq, facts));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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

    /**
     * The cached facts with the changed customers' fresh facts in place (new customers added), sorted by
     * id. Both lists are walked once when the cached one is in id order, as caches are.
     */
    public static List<Facts> merge(List<Facts> cached, List<Facts> changed) {
        Comparator<Facts> byId = Comparator.comparing(f -> f.customer().id());
        List<Facts> fresh = new ArrayList<>(changed);
        fresh.sort(byId);
        if (!sorted(cached)) {
            Map<String, Facts> all = new HashMap<>(cached.size() * 2);
            for (Facts f : cached) {
                all.put(f.customer().id(), f);
            }
            for (Facts f : fresh) {
                all.put(f.customer().id(), f);
            }
            List<Facts> out = new ArrayList<>(all.values());
            out.sort(byId);
            return new InIdOrder(out);
        }
        // The stretches of unchanged customers between the changed ones are copied whole: a few thousand
        // changes in a million customers cost a binary search each, not a comparison per customer.
        List<Facts> out = new ArrayList<>(cached.size() + fresh.size());
        int i = 0, n = cached.size();
        for (Facts f : fresh) {
            String id = f.customer().id();
            int lo = lowerBound(cached, i, id);
            out.addAll(cached.subList(i, lo));
            i = lo;
            if (i < n && cached.get(i).customer().id().equals(id)) {
                i++; // replaced
            }
            addLast(out, f);
        }
        out.addAll(cached.subList(i, n));
        return new InIdOrder(out);
    }

    /** The index of the first of {@code facts}, from {@code from} on, whose customer id is not below {@code id}. */
    private static int lowerBound(List<Facts> facts, int from, String id) {
        int lo = from, hi = facts.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (facts.get(mid).customer().id().compareTo(id) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Where customer {@code id}'s facts are in {@code facts}, which are in id order, or -1 when they are
     * not there (nor when the facts are out of order and the search misses them: callers then read them).
     *
     * @since 2.3
     */
    public static int indexOf(List<Facts> facts, String id) {
        int i = lowerBound(facts, 0, id);
        return i < facts.size() && facts.get(i).customer().id().equals(id) ? i : -1;
    }

    /** Adds f, replacing the last one when it is the same customer (a customer given twice keeps the later). */
    private static void addLast(List<Facts> out, Facts f) {
        if (!out.isEmpty() && out.get(out.size() - 1).customer().id().equals(f.customer().id())) {
            out.set(out.size() - 1, f);
        } else {
            out.add(f);
        }
    }

    private static boolean sorted(List<Facts> facts) {
        if (facts instanceof InIdOrder) {
            return true;
        }
        // A million ids, each three objects away from the list: a tenth of a second even on every core
        return java.util.stream.IntStream.range(1, facts.size()).parallel().noneMatch(i -> before(facts.get(i), facts.get(i - 1)));
    }

    /** Whether {@code f} does not come strictly after {@code previous} in id order. */
    private static boolean before(Facts f, Facts previous) {
        return previous.customer().id().compareTo(f.customer().id()) >= 0;
    }

    private static List<Facts> inIdOrder(List<Facts> facts, boolean unsorted) {
        return unsorted || facts instanceof InIdOrder ? facts : new InIdOrder(facts);
    }

    /**
     * Facts known to be in strictly ascending customer id order: merged, or checked while they were
     * written or read, when their ids were at hand. A merge then need not walk a million ids to know it.
     */
    private static final class InIdOrder extends java.util.AbstractList<Facts> implements java.util.RandomAccess {
        private final List<Facts> facts;

        InIdOrder(List<Facts> facts) {
            this.facts = facts;
        }

        @Override
        public Facts get(int index) {
            return facts.get(index);
        }

        @Override
        public int size() {
            return facts.size();
        }
    }
}
