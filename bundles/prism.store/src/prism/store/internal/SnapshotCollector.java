package prism.store.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import prism.core.model.Customer;
import prism.core.model.InteractionType;
import prism.core.model.Stage;

import static prism.store.internal.ColumnSnapshot.*;
import static prism.store.internal.ColumnSnapshotWriter.*;

/**
 * Gathers the rows of an import into a fresh database as the importer checks them, so that the
 * snapshot is written right after the import instead of read back from Derby. The importer
 * {@link #invalidate()}s it when the import is not the whole content of the database (a table was
 * not empty) or when it reads a file twice. The rows go to temporary files as they come: the heap
 * holds only the customer ids (which the importer holds anyway, to check the rows' customers) and a
 * number for each, never the files' rows.
 */
public final class SnapshotCollector {
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

    public SnapshotCollector(Path spillDir) {
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
            ColumnSnapshotWriter.write(file, storeId, importSeq, token, idOf.length, length, customer, orders, interactions);
        } finally {
            invalidate(); // written once
        }
    }

    /** Drops what was gathered and its temporary files (the importer's own failure, or a snapshot not wanted). */
    public void discard() {
        invalidate();
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
}
