package prism.store.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    private static final int MAGIC = 0x50524331; // "PRC1"
    private static final int HEADER = 64;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final InteractionType[] TYPES = InteractionType.values();
    private static final Stage[] STAGES = Stage.values();
    private static final int DISCOUNT = 1, PROMO = 2, CUSTOM = 4;

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

    private ColumnSnapshot(FileChannel ch, long storeId, long importSeq, int n, long m, long k) throws IOException {
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

    /** The snapshot in {@code file} when it copies exactly this store at this import number. */
    public static Optional<ColumnSnapshot> open(Path file, long storeId, long importSeq) {
        return open(file, storeId).filter(s -> s.importSeq() == importSeq);
    }

    /**
     * The snapshot of this database in the file whatever import it was made after (see {@link #importSeq()}),
     * read without checking its checksums and content token: for a file just written. Anything read from a
     * file left by another command goes through {@link #open(Path, long, java.util.function.LongUnaryOperator,
     * java.util.function.Consumer)}.
     */
    public static Optional<ColumnSnapshot> open(Path file, long storeId) {
        return read(file, storeId); // unchecked: for a file this process has just written and sealed
    }

    /**
     * As {@link #open(Path, long)}, trusting the file only when it matches its checksums and was sealed
     * with {@code tokenOf} the import it was made after; one that does not is dropped, with a notice.
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

    // ------------------------------------------------------------------------------------------
    // Building from the database

    /**
     * Copies the store into {@code file}: customers, then orders and interactions read at once on two
     * connections, grouped by customer with a counting sort, written column by column.
     */
    public static ColumnSnapshot build(Database db, Path file, long storeId, long importSeq, long token, IProgressMonitor monitor)
            throws SQLException, IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Building the column snapshot", 4);
        sub.subTask("Reading customers");
        List<Customer> customers = new ArrayList<>();
        new StoreSource(db).customers(customers::add);
        int n = customers.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(customers.get(i).id(), i);
        }
        sub.worked(1);
        checkCanceled(sub);
        sub.subTask("Reading orders and interactions");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Orders orders;
        Interactions ixs;
        try {
            Future<Orders> fo = pool.submit(() -> readOrders(db, index));
            Future<Interactions> fi = pool.submit(() -> readInteractions(db, index));
            orders = fo.get();
            ixs = fi.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        } finally {
            pool.shutdownNow();
        }
        sub.worked(2);
        checkCanceled(sub);
        sub.subTask("Writing the column snapshot");
        byte[][] encoded = new byte[n][];
        for (int c = 0; c < n; c++) {
            encoded[c] = encode(customers.get(c));
        }
        write(file, storeId, importSeq, token, n, c -> encoded[c].length, c -> encoded[c], orders, ixs);
        sub.worked(1);
        return open(file, storeId, importSeq).orElseThrow(() -> new IOException("cannot read back " + file));
    }

    /**
     * Customers in id order, each as {@link #encode} writes it (its length first, for the offsets, then its
     * bytes), with their orders and interactions (rows refer to customers by position): the file.
     */
    private static void write(Path file, long storeId, long importSeq, long token, int n, java.util.function.IntUnaryOperator length,
            java.util.function.IntFunction<byte[]> customer, OrderRows orders, InteractionRows ixs) throws IOException {
        int[] oStart = new int[n + 1];
        int[] oCust = new int[orders.size()];
        for (int r = 0; r < oCust.length; r++) {
            oCust[r] = orders.cust(r);
        }
        int[] oPerm = group(oCust, oCust.length, oStart);
        oCust = null;
        int[] iStart = new int[n + 1];
        int[] iCust = new int[ixs.size()];
        for (int r = 0; r < iCust.length; r++) {
            iCust[r] = ixs.cust(r);
        }
        int[] iPerm = group(iCust, iCust.length, iStart);
        iCust = null;
        // Within a customer, interactions by date then id: facts then need no ids for "latest" ties.
        for (int c = 0; c < n; c++) {
            int from = iStart[c], to = iStart[c + 1];
            if (to - from > 1) {
                Integer[] slice = new Integer[to - from];
                for (int r = from; r < to; r++) {
                    slice[r - from] = iPerm[r];
                }
                Arrays.sort(slice, (a, b) -> a.equals(b) ? 0 : ixs.day(a) != ixs.day(b) ? Integer.compare(ixs.day(a), ixs.day(b))
                        : ixs.id(a).compareTo(ixs.id(b)));
                for (int r = from; r < to; r++) {
                    iPerm[r] = slice[r - from];
                }
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            Out out = new Out(os);
            out.i(MAGIC).i(0).l(storeId).l(importSeq).i(n).i(0).l(orders.size()).l(ixs.size());
            out.pad(HEADER);
            long off = 0; // customer offsets first, the customers themselves at the end
            for (int c = 0; c < n; c++) {
                out.l(off);
                off += length.applyAsInt(c);
            }
            out.l(off);
            for (int v : oStart) {
                out.i(v);
            }
            for (int r : oPerm) {
                out.i(orders.day(r));
            }
            for (int r : oPerm) {
                out.d(orders.amount(r));
            }
            for (int r : oPerm) {
                out.d(orders.cost(r));
            }
            for (int r : oPerm) {
                out.b(orders.flags(r));
            }
            for (int v : iStart) {
                out.i(v);
            }
            for (int r : iPerm) {
                out.i(ixs.day(r));
            }
            for (int r : iPerm) {
                out.b(ixs.type(r));
            }
            for (int r : iPerm) {
                out.b(ixs.score(r));
            }
            for (int r : iPerm) {
                out.b(ixs.stage(r));
            }
            out.flush();
            for (int c = 0; c < n; c++) {
                os.write(customer.apply(c));
            }
        }
        prism.engine.DerivedFiles.seal(tmp, file, token);
    }

    /**
     * Gathers the rows of an import into a fresh database as the importer checks them, so that the
     * snapshot is written right after the import instead of read back from Derby. The importer
     * {@link #invalidate()}s it when the import is not the whole content of the database (a table was
     * not empty) or when it reads a file twice. The rows go to temporary files as they come: the heap
     * holds only the customer ids (which the importer holds anyway, to check the rows' customers) and a
     * number for each, never the files' rows.
     */
    public static final class Collector {
        // Customers by number in the order first seen; rows refer to them by number, not by a string each.
        private final Map<String, Integer> number = new HashMap<>();
        // Customers as the snapshot encodes them, each number's latest record; where that record starts.
        private Spill customerRows;
        private long[] customerAt = new long[1024];
        // Orders: fixed-size records (customer, day, amount, cost, flags).
        private static final int RECORD = 25;
        private Spill orderRows;
        private int orderCount;
        // Interactions: fixed-size records (customer, day, type, score, stage, where its id starts, the id's
        // length), the ids' UTF-8 in a file of their own.
        private static final int IX_RECORD = 23;
        private Spill ixRows;
        private Spill ixIds;
        private int ixCount;
        private boolean valid = true;
        /** Where the rows spill: a directory beside the database, emptied whenever it is opened. */
        private final Path spillDir;

        public Collector(Path spillDir) {
            this.spillDir = spillDir;
        }

        public boolean valid() {
            return valid;
        }

        public void invalidate() {
            valid = false;
            number.clear();
            for (Spill f : new Spill[] {customerRows, orderRows, ixRows, ixIds}) {
                if (f != null) {
                    f.delete();
                }
            }
            customerRows = orderRows = ixRows = ixIds = null;
            orderCount = 0;
            ixCount = 0;
        }

        /** A customer row; a later row with the same id replaces the earlier, as the import does. */
        public void customer(Customer c) {
            if (!valid) {
                return;
            }
            try {
                if (customerRows == null) {
                    customerRows = new Spill(spillDir, "prism-customers");
                }
                Integer at = number.putIfAbsent(c.id(), number.size());
                int k = at == null ? number.size() - 1 : at;
                if (k == customerAt.length) {
                    customerAt = Arrays.copyOf(customerAt, 2 * k);
                }
                customerAt[k] = customerRows.size;
                byte[] e = encode(c);
                customerRows.out.writeInt(e.length);
                customerRows.out.write(e);
                customerRows.size += 4 + e.length;
            } catch (IOException e) {
                invalidate(); // no snapshot from this import: the first full run reads the database instead
            }
        }

        public void order(String customerId, java.time.LocalDate date, double amount, double discount, boolean promo, boolean custom,
                Double cost) {
            if (!valid) {
                return;
            }
            Integer cust = number.get(customerId);
            if (cust == null) { // a customer stored before: then this import is not the whole database
                invalidate();
                return;
            }
            try {
                if (orderRows == null) {
                    orderRows = new Spill(spillDir, "prism-orders");
                }
                java.io.DataOutputStream o = orderRows.out;
                o.writeInt(cust);
                o.writeInt((int) date.toEpochDay());
                o.writeDouble(amount);
                o.writeDouble(cost == null ? Double.NaN : cost);
                o.writeByte((discount > 0 ? DISCOUNT : 0) | (promo ? PROMO : 0) | (custom ? CUSTOM : 0));
                orderCount++;
            } catch (IOException e) {
                invalidate();
            }
        }

        public void interaction(String id, String customerId, java.time.LocalDate date, InteractionType type, Integer score, String stage) {
            if (!valid) {
                return;
            }
            Integer cust = number.get(customerId);
            if (cust == null) {
                invalidate();
                return;
            }
            try {
                if (ixRows == null) {
                    ixRows = new Spill(spillDir, "prism-interactions");
                    ixIds = new Spill(spillDir, "prism-interaction-ids");
                }
                byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
                java.io.DataOutputStream o = ixRows.out;
                o.writeInt(cust);
                o.writeInt((int) date.toEpochDay());
                o.writeByte(type.ordinal());
                o.writeByte(score == null ? -1 : score);
                o.writeByte(stage == null ? -1 : Stage.parse(stage).map(Enum::ordinal).orElse(-1));
                o.writeLong(ixIds.size);
                o.writeInt(idBytes.length);
                ixIds.out.write(idBytes);
                ixIds.size += idBytes.length;
                ixCount++;
            } catch (IOException e) {
                invalidate();
            }
        }

        /** Writes the snapshot of what was gathered, as the database holds it after import {@code importSeq}. */
        public void write(Path file, long storeId, long importSeq, long token) throws IOException {
            if (!valid) {
                throw new IllegalStateException("not the whole database");
            }
            try {
                // Customer numbers become positions in id order.
                String[] idOf = new String[number.size()];
                number.forEach((id, k) -> idOf[k] = id);
                Integer[] byId = new Integer[idOf.length];
                for (int i = 0; i < byId.length; i++) {
                    byId[i] = i;
                }
                Arrays.sort(byId, (a, b) -> idOf[a].compareTo(idOf[b]));
                int[] position = new int[byId.length];
                for (int i = 0; i < byId.length; i++) {
                    position[byId[i]] = i;
                }
                ByteBuffer cs = Spill.map(customerRows);
                long[] at = customerAt;
                java.util.function.IntUnaryOperator length = i -> cs.getInt(Math.toIntExact(at[byId[i]]));
                java.util.function.IntFunction<byte[]> customer = i -> {
                    int p = Math.toIntExact(at[byId[i]]);
                    byte[] b = new byte[cs.getInt(p)];
                    cs.get(p + 4, b);
                    return b;
                };
                ByteBuffer rows = Spill.map(orderRows); // big-endian, as written
                int count = orderCount;
                OrderRows orders = new OrderRows() {
                    @Override public int size() { return count; }
                    @Override public int cust(int r) { return position[rows.getInt(r * RECORD)]; }
                    @Override public int day(int r) { return rows.getInt(r * RECORD + 4); }
                    @Override public double amount(int r) { return rows.getDouble(r * RECORD + 8); }
                    @Override public double cost(int r) { return rows.getDouble(r * RECORD + 16); }
                    @Override public byte flags(int r) { return rows.get(r * RECORD + 24); }
                };
                ByteBuffer ix = Spill.map(ixRows);
                ByteBuffer ids = Spill.map(ixIds);
                int ixs = ixCount;
                InteractionRows interactions = new InteractionRows() {
                    @Override public int size() { return ixs; }
                    @Override public int cust(int r) { return position[ix.getInt(r * IX_RECORD)]; }
                    @Override public int day(int r) { return ix.getInt(r * IX_RECORD + 4); }
                    @Override public byte type(int r) { return ix.get(r * IX_RECORD + 8); }
                    @Override public byte score(int r) { return ix.get(r * IX_RECORD + 9); }
                    @Override public byte stage(int r) { return ix.get(r * IX_RECORD + 10); }

                    @Override
                    public String id(int r) { // only to order a customer's interactions of the same day
                        byte[] b = new byte[ix.getInt(r * IX_RECORD + 19)];
                        ids.get(Math.toIntExact(ix.getLong(r * IX_RECORD + 11)), b);
                        return new String(b, StandardCharsets.UTF_8);
                    }
                };
                ColumnSnapshot.write(file, storeId, importSeq, token, idOf.length, length, customer, orders, interactions);
            } finally {
                invalidate(); // written once
            }
        }

        /** Drops what was gathered and its temporary files (the importer's own failure, or a snapshot not wanted). */
        public void discard() {
            invalidate();
        }
    }

    /** A temporary file of rows, written in order, then mapped to be read; a failed write drops the snapshot, not the import. */
    private static final class Spill {
        final Path path;
        java.io.DataOutputStream out;
        long size;

        Spill(Path dir, String name) throws IOException {
            Files.createDirectories(dir);
            path = Files.createTempFile(dir, name, ".rows");
            out = new java.io.DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 20));
        }

        /** The file's rows, mapped (empty when nothing was written). */
        static ByteBuffer map(Spill f) throws IOException {
            if (f == null) {
                return ByteBuffer.allocate(0);
            }
            f.out.close();
            try (FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ)) {
                if (ch.size() > Integer.MAX_VALUE) {
                    throw new IOException("too many rows to map: " + ch.size() + " bytes");
                }
                return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            }
        }

        void delete() {
            try {
                out.close();
            } catch (IOException e) {
                // deleted all the same
            }
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                path.toFile().deleteOnExit(); // still mapped (Windows keeps a mapped file): gone when the process ends
            }
        }
    }

    /** Row numbers grouped by customer (a counting sort); {@code start[c]} is customer c's first. */
    private static int[] group(int[] cust, int size, int[] start) {
        for (int r = 0; r < size; r++) {
            start[cust[r] + 1]++;
        }
        for (int c = 1; c < start.length; c++) {
            start[c] += start[c - 1];
        }
        int[] next = Arrays.copyOf(start, start.length);
        int[] perm = new int[size];
        for (int r = 0; r < size; r++) {
            perm[next[cust[r]]++] = r;
        }
        return perm;
    }

    /** Order rows by row number: in memory (read from Derby) or in a temporary file (gathered by an import). */
    interface OrderRows {
        int size();
        int cust(int r);
        int day(int r);
        double amount(int r);
        double cost(int r);
        byte flags(int r);
    }

    private static final class Orders implements OrderRows {
        @Override public int size() { return size; }
        @Override public int cust(int r) { return cust[r]; }
        @Override public int day(int r) { return day[r]; }
        @Override public double amount(int r) { return amount[r]; }
        @Override public double cost(int r) { return cost[r]; }
        @Override public byte flags(int r) { return flags[r]; }

        int size;
        int[] cust = new int[1024];
        int[] day = new int[1024];
        double[] amount = new double[1024];
        double[] cost = new double[1024];
        byte[] flags = new byte[1024];

        void grow() {
            int cap = cust.length * 2;
            cust = Arrays.copyOf(cust, cap);
            day = Arrays.copyOf(day, cap);
            amount = Arrays.copyOf(amount, cap);
            cost = Arrays.copyOf(cost, cap);
            flags = Arrays.copyOf(flags, cap);
        }
    }

    /** Interaction rows by row number: in memory (read from Derby) or in temporary files (gathered by an import). */
    interface InteractionRows {
        int size();
        int cust(int r);
        int day(int r);
        String id(int r);
        byte type(int r);
        byte score(int r);
        byte stage(int r);
    }

    private static final class Interactions implements InteractionRows {
        @Override public int size() { return size; }
        @Override public int cust(int r) { return cust[r]; }
        @Override public int day(int r) { return day[r]; }
        @Override public String id(int r) { return id[r]; }
        @Override public byte type(int r) { return type[r]; }
        @Override public byte score(int r) { return score[r]; }
        @Override public byte stage(int r) { return stage[r]; }

        int size;
        int[] cust = new int[1024];
        int[] day = new int[1024];
        String[] id = new String[1024];
        byte[] type = new byte[1024];
        byte[] score = new byte[1024];
        byte[] stage = new byte[1024];

        void grow() {
            int cap = cust.length * 2;
            cust = Arrays.copyOf(cust, cap);
            day = Arrays.copyOf(day, cap);
            id = Arrays.copyOf(id, cap);
            type = Arrays.copyOf(type, cap);
            score = Arrays.copyOf(score, cap);
            stage = Arrays.copyOf(stage, cap);
        }
    }

    private static Orders readOrders(Database db, Map<String, Integer> index) throws SQLException {
        Orders o = new Orders();
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT CUSTOMER_ID, ORDER_DATE, AMOUNT, DISCOUNT, PROMO, CUSTOM, COST FROM ORDERS")) {
            rs.setFetchSize(10_000);
            while (rs.next()) {
                Integer cust = index.get(rs.getString(1));
                if (cust == null) {
                    continue; // cannot happen: imports check customers exist
                }
                if (o.size == o.cust.length) {
                    o.grow();
                }
                int r = o.size++;
                o.cust[r] = cust;
                o.day[r] = day(rs.getString(2));
                o.amount[r] = rs.getDouble(3);
                o.flags[r] = (byte) ((rs.getDouble(4) > 0 ? DISCOUNT : 0) | (rs.getBoolean(5) ? PROMO : 0)
                        | (rs.getBoolean(6) ? CUSTOM : 0));
                double cost = rs.getDouble(7);
                o.cost[r] = rs.wasNull() ? Double.NaN : cost;
            }
        }
        return o;
    }

    private static Interactions readInteractions(Database db, Map<String, Integer> index) throws SQLException {
        Interactions x = new Interactions();
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT CUSTOMER_ID, IX_DATE, ID, TYPE, SCORE, STAGE FROM INTERACTION")) {
            rs.setFetchSize(10_000);
            while (rs.next()) {
                Integer cust = index.get(rs.getString(1));
                if (cust == null) {
                    continue;
                }
                if (x.size == x.cust.length) {
                    x.grow();
                }
                int r = x.size++;
                x.cust[r] = cust;
                x.day[r] = day(rs.getString(2));
                x.id[r] = rs.getString(3);
                x.type[r] = (byte) InteractionType.parse(rs.getString(4)).orElseThrow().ordinal();
                int score = rs.getInt(5);
                x.score[r] = (byte) (rs.wasNull() ? -1 : score);
                String stage = rs.getString(6);
                x.stage[r] = (byte) (stage == null ? -1 : Stage.parse(stage).map(Enum::ordinal).orElse(-1));
            }
        }
        return x;
    }

    /** An ISO date as Derby prints it, as an epoch day, without building Date objects. */
    static int day(String iso) {
        int y = Integer.parseInt(iso, 0, 4, 10);
        int mo = (iso.charAt(5) - '0') * 10 + iso.charAt(6) - '0';
        int d = (iso.charAt(8) - '0') * 10 + iso.charAt(9) - '0';
        return (int) LocalDate.of(y, mo, d).toEpochDay();
    }

    private static byte[] encode(Customer c) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(96);
        Out o = new Out(bytes, 64); // one a customer: a small buffer
        o.s(c.id()).s(c.name()).s(c.kind()).s(c.role()).s(c.country()).s(c.region()).s(c.city()).s(c.industry()).s(c.plan());
        o.i(c.created() == null ? Integer.MIN_VALUE : (int) c.created().toEpochDay());
        o.b((byte) (c.refused() == null ? 2 : c.refused() ? 1 : 0));
        o.i(c.attributes().size());
        for (Map.Entry<String, String> e : c.attributes().entrySet()) {
            o.s(e.getKey()).s(e.getValue());
        }
        o.flush();
        return bytes.toByteArray();
    }

    /** Primitive writes in the native byte order the reader maps with. */
    private static final class Out {
        private final OutputStream os;
        private final ByteBuffer buf;
        private long written;

        Out(OutputStream os) {
            this(os, 1 << 16);
        }

        Out(OutputStream os, int buffer) {
            this.os = os;
            this.buf = ByteBuffer.allocate(buffer).order(ORDER);
        }

        private void room(int bytes) {
            if (buf.remaining() < bytes) {
                flush();
            }
        }

        Out i(int v) {
            room(4);
            buf.putInt(v);
            return this;
        }

        Out l(long v) {
            room(8);
            buf.putLong(v);
            return this;
        }

        Out d(double v) {
            room(8);
            buf.putDouble(v);
            return this;
        }

        Out b(byte v) {
            room(1);
            buf.put(v);
            return this;
        }

        Out s(String v) {
            if (v == null) {
                return i(-1);
            }
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            i(b.length);
            flush();
            try {
                os.write(b);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            written += b.length;
            return this;
        }

        void pad(int to) {
            while (written + buf.position() < to) {
                b((byte) 0);
            }
        }

        void flush() {
            try {
                os.write(buf.array(), 0, buf.position());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            written += buf.position();
            buf.clear();
        }
    }

    private static void checkCanceled(IProgressMonitor m) {
        if (m.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
