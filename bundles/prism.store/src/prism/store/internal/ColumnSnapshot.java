package prism.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import prism.core.facts.Facts;
import prism.core.facts.FactsBuilder;
import prism.core.model.Customer;
import prism.core.model.InteractionType;
import prism.core.model.Stage;

/**
 * A read-optimised copy of the stored customers, orders and interactions, for full runs: one file
 * next to the Derby database holding, customer by customer in id order, the order and interaction
 * columns a run needs as primitive arrays (interactions sorted by date and id). Facts for any as-of
 * date are then one parallel pass over mapped memory instead of a scan through JDBC.
 *
 * <p>The database stays the only truth: the file names the store and the import number it copies and
 * is rebuilt from the database when either differs. It is written to a temporary file and moved into
 * place, so a crash never leaves half of one.
 */
public final class ColumnSnapshot {

    static final int MAGIC = 0x50524331; // "PRC1"
    static final int HEADER = 64;
    static final ByteOrder ORDER = ByteOrder.nativeOrder();
    static final InteractionType[] TYPES = InteractionType.values();
    static final Stage[] STAGES = Stage.values();
    static final int DISCOUNT = 1, PROMO = 2, CUSTOM = 4;

    private final long storeId;
    private final long importSeq;
    private final int n;
    private final long m;
    private final long k;
    private final ByteBuffer customerOffsets;
    private final ByteBuffer orderStart;
    private final ByteBuffer orderDay;
    private final ByteBuffer orderAmount;
    private final ByteBuffer orderCost;
    private final ByteBuffer orderFlags;
    private final ByteBuffer ixStart;
    private final ByteBuffer ixDay;
    private final ByteBuffer ixType;
    private final ByteBuffer ixScore;
    private final ByteBuffer ixStage;
    private final ByteBuffer customers;

    ColumnSnapshot(FileChannel ch, long storeId, long importSeq, int n, long m, long k) throws IOException {
        this.storeId = storeId;
        this.importSeq = importSeq;
        this.n = n;
        this.m = m;
        this.k = k;
        long p = HEADER;
        customerOffsets = map(ch, p, 8L * (n + 1));
        p += 8L * (n + 1);
        orderStart = map(ch, p, 4L * (n + 1));
        p += 4L * (n + 1);
        orderDay = map(ch, p, 4 * m);
        p += 4 * m;
        orderAmount = map(ch, p, 8 * m);
        p += 8 * m;
        orderCost = map(ch, p, 8 * m);
        p += 8 * m;
        orderFlags = map(ch, p, m);
        p += m;
        ixStart = map(ch, p, 4L * (n + 1));
        p += 4L * (n + 1);
        ixDay = map(ch, p, 4 * k);
        p += 4 * k;
        ixType = map(ch, p, k);
        p += k;
        ixScore = map(ch, p, k);
        p += k;
        ixStage = map(ch, p, k);
        p += k;
        customers = map(ch, p, ch.size() - p);
    }

    private static ByteBuffer map(FileChannel ch, long pos, long size) throws IOException {
        if (size > Integer.MAX_VALUE) {
            throw new IOException("column too large to map: " + size + " bytes");
        }
        MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, pos, size);
        return b.order(ORDER);
    }

    public long importSeq() {
        return importSeq;
    }

    public int customers() {
        return n;
    }

    public long orders() {
        return m;
    }

    public long interactions() {
        return k;
    }

    /**
     * The snapshot this process has just written to {@code file}, read without checking its checksums and
     * content token (they were made from it a moment ago). Anything left by another command is read through
     * {@link #open}, which checks both.
     */
    static Optional<ColumnSnapshot> readBack(Path file, long storeId) {
        return read(file, storeId);
    }

    /**
     * The snapshot of this database in the file whatever import it was made after (see {@link #importSeq()}),
     * trusted only when it matches its checksums and was sealed with {@code tokenOf} the import it was made
     * after; one that does not is dropped, with a notice.
     */
    public static Optional<ColumnSnapshot> open(Path file, long storeId, java.util.function.LongUnaryOperator tokenOf,
            java.util.function.Consumer<String> notice) {
        prism.engine.DerivedFiles.Check check = prism.engine.DerivedFiles.check(file);
        if (check.state() == prism.engine.DerivedFiles.State.ABSENT) {
            return Optional.empty();
        }
        Optional<ColumnSnapshot> snap = check.state() == prism.engine.DerivedFiles.State.INTACT ? read(file, storeId)
                : Optional.empty();
        if (check.state() == prism.engine.DerivedFiles.State.DAMAGED) {
            notice.accept("the column snapshot " + file + " is damaged: dropped; it is rebuilt from the database");
            prism.engine.DerivedFiles.drop(file);
        } else if (snap.isPresent() && tokenOf.applyAsLong(snap.get().importSeq()) != check.token()) {
            notice.accept("the column snapshot " + file + " was made from other content than the database now holds "
                    + "(restored from a backup?): dropped; it is rebuilt from the database");
            prism.engine.DerivedFiles.drop(file);
            snap = Optional.empty();
        }
        return snap;
    }

    private static Optional<ColumnSnapshot> read(Path file, long storeId) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer h = ch.map(FileChannel.MapMode.READ_ONLY, 0, HEADER).order(ORDER);
            if (h.getInt(0) != MAGIC || h.getLong(8) != storeId) {
                return Optional.empty();
            }
            // The mappings outlive the channel.
            return Optional.of(new ColumnSnapshot(ch, storeId, h.getLong(16), h.getInt(24), h.getLong(32), h.getLong(40)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: rebuilt from the database
        }
    }

    /**
     * Every customer's facts for {@code asOf}, in customer id order: the customers in one parallel pass, then
     * their facts in another. Two passes, not one, because each is compiled on its own: in a new process the
     * JIT compiler shares the two cores with the run, and a rare branch met in one loop (an unshared attribute,
     * a name outside Latin-1) then recompiles that loop alone, not everything a customer needs at once.
     */
    public List<Facts> facts(LocalDate asOf, IProgressMonitor monitor) {
        int chunks = 64;
        SubMonitor sub = SubMonitor.convert(monitor, "Computing facts from the column snapshot", 2 * chunks);
        Customer[] customer = new Customer[n];
        AtomicBoolean canceled = new AtomicBoolean();
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            if (canceled.get() || sub.isCanceled()) {
                canceled.set(true);
                return;
            }
            byte[] scratch = new byte[256];
            Pool pool = new Pool();
            for (int i = (int) ((long) n * ch / chunks), to = (int) ((long) n * (ch + 1) / chunks); i < to; i++) {
                customer[i] = readCustomer(i, scratch, pool);
            }
            split(sub);
        });
        Facts[] out = new Facts[n];
        int asOfDay = (int) asOf.toEpochDay();
        IntStream.range(0, canceled.get() ? 0 : chunks).parallel().forEach(ch -> {
            if (canceled.get() || sub.isCanceled()) {
                canceled.set(true);
                return;
            }
            for (int i = (int) ((long) n * ch / chunks), to = (int) ((long) n * (ch + 1) / chunks); i < to; i++) {
                FactsBuilder b = new FactsBuilder(customer[i], asOf);
                for (int r = orderStart.getInt(4 * i), e = orderStart.getInt(4 * (i + 1)); r < e; r++) {
                    int day = orderDay.getInt(4 * r);
                    if (day > asOfDay) {
                        continue;
                    }
                    byte f = orderFlags.get(r);
                    b.order(day, orderAmount.getDouble(8 * r), (f & DISCOUNT) != 0 ? 1 : 0, (f & PROMO) != 0,
                            (f & CUSTOM) != 0, orderCost.getDouble(8 * r));
                }
                for (int r = ixStart.getInt(4 * i), e = ixStart.getInt(4 * (i + 1)); r < e; r++) {
                    int day = ixDay.getInt(4 * r);
                    if (day > asOfDay) {
                        break; // sorted by date
                    }
                    byte st = ixStage.get(r);
                    b.interactionInOrder(day, TYPES[ixType.get(r)], ixScore.get(r), st < 0 ? null : STAGES[st]);
                }
                out[i] = b.build();
            }
            split(sub);
        });
        if (canceled.get() || sub.isCanceled()) {
            throw new OperationCanceledException();
        }
        return Arrays.asList(out);
    }

    /** A monitor is not thread-safe: the chunks report one at a time. */
    private static void split(SubMonitor sub) {
        synchronized (sub) {
            sub.split(1);
        }
    }

    private Customer readCustomer(int i, byte[] scratch, Pool pool) {
        int p = (int) customerOffsets.getLong(8 * i);
        String[] s = new String[9];
        for (int f = 0; f < 9; f++) {
            // kind … plan repeat across customers: one copy each, found by their bytes before any String is made
            p = str(p, s, f, scratch, f >= 2 ? pool : null);
        }
        int created = customers.getInt(p);
        byte refused = customers.get(p + 4);
        int attrs = customers.getInt(p + 5);
        p += 9;
        // Made immutable here, so that the customer takes the map as it is instead of copying a HashMap
        String[] kv = new String[2 * attrs];
        for (int j = 0; j < 2 * attrs; j++) {
            p = str(p, kv, j, scratch, pool);
        }
        Map<String, String> a = attrs == 0 ? Map.of() : attrs == 1 ? pool.shared.single(kv[0], kv[1]) : attributes(kv);
        return new Customer(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8],
                created == Integer.MIN_VALUE ? null : pool.shared.day(created), refused == 2 ? null : refused == 1, a);
    }

    private static Map<String, String> attributes(String[] kv) {
        Map<String, String> a = new HashMap<>();
        for (int j = 0; j < kv.length; j += 2) {
            a.put(kv[j], kv[j + 1]); // a name given twice keeps its last value, as before
        }
        return Map.copyOf(a);
    }

    /** Reads the text at {@code p} into {@code into[at]}, the pool's copy when one is given; returns the next position. */
    private int str(int p, String[] into, int at, byte[] scratch, Pool pool) {
        int len = customers.getInt(p);
        p += 4;
        if (len < 0) {
            into[at] = null;
            return p;
        }
        byte[] b = len <= scratch.length ? scratch : new byte[len];
        customers.get(p, b, 0, len);
        into[at] = pool != null && b == scratch ? pool.of(b, len) : new String(b, 0, len, StandardCharsets.UTF_8);
        return p + len;
    }

    /**
     * Texts by their UTF-8 bytes, in an open-addressing table: a million customers share a few hundred
     * kinds, countries, cities and plans, and decoding each into a new String was half of reading them.
     */
    static final class Pool {
        private static final int SLOTS = 1 << 13;
        private final byte[][] keys = new byte[SLOTS][];
        private final String[] values = new String[SLOTS];
        private int size;

        String of(byte[] b, int len) {
            int h = 1;
            for (int k = 0; k < len; k++) {
                h = 31 * h + b[k];
            }
            int slot = (h ^ h >>> 16) & SLOTS - 1;
            for (byte[] key; (key = keys[slot]) != null; slot = slot + 1 & SLOTS - 1) {
                if (java.util.Arrays.equals(key, 0, key.length, b, 0, len)) {
                    return values[slot];
                }
            }
            String s = new String(b, 0, len, StandardCharsets.UTF_8);
            if (size < SLOTS / 2) { // beyond that, texts are too varied to be worth keeping
                keys[slot] = java.util.Arrays.copyOf(b, len);
                values[slot] = s;
                size++;
            }
            return s;
        }

        /** Dates and one-attribute maps, shared as the facts cache shares them. */
        final prism.engine.FactsCodec.Pool shared = new prism.engine.FactsCodec.Pool();
    }

}
