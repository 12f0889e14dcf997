package prism.store.internal.read;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import prism.store.StoreException;
import prism.store.internal.Database;
import prism.store.internal.IdSet;

/** Pages near the start of an order by a customer column, from one scan of the table: no index needed yet. */
final class ScanPages extends Reads {

    ScanPages(Database db) {
        super(db);
    }

    /** Pages within this many rows of the start (going down: of the end) are found by {@link #firstByScan}. */
    static final int SCAN_DEPTH = 1_000;

    /**
     * Whether a page sorted by a customer column is near enough the start to be found by one scan, where the
     * column's index is not made yet: making it takes seconds at a million, so the first page a user asks for
     * does not wait for it; a page further in makes it.
     */
    boolean nearTheStart(String column, long offset, int limit) {
        return db.isDerby() && offset + limit <= SCAN_DEPTH && !db.hasIndex("CUSTOMER_" + column);
    }

    /**
     * A page near the start of the customers (those of {@code among} when not null) sorted by a column, then
     * id, as Derby sorts them ({@link #derbyOrder}), from one scan of the table: the rows up to the page's end
     * are kept in a heap. Going down, the page is the ascending order's read backwards, as everywhere.
     */
    List<String[]> firstByScan(String column, boolean ascending, long offset, int limit, IdSet among) {
        int at = switch (column) {
            case "NAME" -> 1;
            case "KIND" -> 2;
            default -> 3;
        };
        java.util.Comparator<String[]> up = (a, b) -> {
            int c = derbyOrder(a[at], b[at]);
            return c != 0 ? c : derbyOrder(a[0], b[0]);
        };
        java.util.Comparator<String[]> order = ascending ? up : up.reversed();
        int keep = (int) (offset + limit);
        java.util.PriorityQueue<String[]> best = new java.util.PriorityQueue<>(keep + 1, order.reversed()); // the worst kept on top
        try (Connection c = db.connection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT ID, NAME, KIND, COUNTRY FROM CUSTOMER")) {
            while (rs.next()) {
                String[] row = customerColumns(rs);
                if (among != null && !among.contains(row[0])) {
                    continue;
                }
                if (best.size() < keep) {
                    best.add(row);
                } else if (order.compare(row, best.peek()) < 0) {
                    best.poll();
                    best.add(row);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
        List<String[]> rows = new ArrayList<>(best);
        rows.sort(order);
        return offset >= rows.size() ? new ArrayList<>() : new ArrayList<>(rows.subList((int) offset, rows.size()));
    }

    /**
     * All customers' rows {@code from} to {@code from + count} in ascending order of {@code column} (NAME, KIND
     * or COUNTRY, nulls last as Derby sorts them), then id: the key where the page starts is found by skipping
     * entries of the (column, id) index alone, then the page is read from there. A deep page read with OFFSET
     * fetched every row it skipped (2 s in the middle of a million).
     */
    List<String[]> byIndexed(String column, long from, int count) {
        if (count <= 0) {
            return new ArrayList<>();
        }
        String select = "SELECT c.ID, c.NAME, c.KIND, c.COUNTRY FROM CUSTOMER c";
        String orderBy = " ORDER BY " + column + ", c.ID FETCH NEXT ";
        if (from == 0) {
            return new ArrayList<>(list(select + orderBy + count + " ROWS ONLY", List.of(), Reads::customerColumns));
        }
        List<String[]> first = list("SELECT " + column + ", c.ID FROM CUSTOMER c ORDER BY " + column + ", c.ID OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY",
                ps -> ps.setLong(1, from), rs -> new String[] {rs.getString(1), rs.getString(2)});
        if (first.isEmpty()) {
            return new ArrayList<>();
        }
        String value = first.get(0)[0], id = first.get(0)[1];
        List<String[]> rows = new ArrayList<>();
        if (value != null) { // the rest of this value from the id on, the greater values, then those without one
            // (Two ranges of the index: one condition with an OR would start at the value's first entry.)
            rows.addAll(list(select + " WHERE " + column + " = ? AND c.ID >= ?" + orderBy + count + " ROWS ONLY",
                    List.of(value, id), Reads::customerColumns));
            if (rows.size() < count) {
                rows.addAll(list(select + " WHERE " + column + " > ?" + orderBy + (count - rows.size()) + " ROWS ONLY",
                        List.of(value), Reads::customerColumns));
            }
            if (rows.size() < count) {
                rows.addAll(list(select + " WHERE " + column + " IS NULL" + orderBy + (count - rows.size()) + " ROWS ONLY", List.of(),
                        Reads::customerColumns));
            }
        } else {
            rows.addAll(list(select + " WHERE " + column + " IS NULL AND c.ID >= ?" + orderBy + count + " ROWS ONLY", List.of(id),
                    Reads::customerColumns));
        }
        return rows;
    }
}
