package prism.store.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import prism.core.model.Customer;
import prism.core.model.InteractionType;
import prism.core.model.Stage;

import static prism.store.internal.ColumnSnapshot.*;

/**
 * Writes the column snapshot ({@link ColumnSnapshot}): built from the database, or gathered by an
 * import into an empty database as it loads its rows ({@link SnapshotCollector}), written aside and sealed.
 */
public final class ColumnSnapshotWriter {

    private ColumnSnapshotWriter() {
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
        return ColumnSnapshot.readBack(file, storeId).filter(x -> x.importSeq() == importSeq)
                .orElseThrow(() -> new IOException("cannot read back " + file));
    }

    /**
     * Customers in id order, each as {@link #encode} writes it (its length first, for the offsets, then its
     * bytes), with their orders and interactions (rows refer to customers by position): the file.
     */
    static void write(Path file, long storeId, long importSeq, long token, int n, java.util.function.IntUnaryOperator length,
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

    /** Row numbers grouped by customer (a counting sort); {@code start[c]} is customer c's first. */
    static int[] group(int[] cust, int size, int[] start) {
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

    static final class Orders implements OrderRows {
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

    static final class Interactions implements InteractionRows {
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

    static Orders readOrders(Database db, Map<String, Integer> index) throws SQLException {
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

    static Interactions readInteractions(Database db, Map<String, Integer> index) throws SQLException {
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

    static byte[] encode(Customer c) {
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
    static final class Out {
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

    static void checkCanceled(IProgressMonitor m) {
        if (m.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
