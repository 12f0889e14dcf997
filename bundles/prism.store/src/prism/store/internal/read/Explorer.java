package prism.store.internal.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import prism.store.ExplorerQuery;
import prism.store.StoreException;
import prism.store.internal.Database;

/**
 * The Customer Explorer's count and pages: picks the way to answer a query (a stored class order, the
 * class filters' stored orders, a scan near the start, an index, or the database's own sort) and adds the
 * classes of each row.
 */
public final class Explorer extends Reads {

    private final ScanPages scan;
    private final ClassOrderPages orders;
    private final FilterPages filters;

    public Explorer(Database db) {
        super(db);
        this.scan = new ScanPages(db);
        this.orders = new ClassOrderPages(db);
        this.filters = new FilterPages(db, scan);
    }

    /** Number of customers the query selects. */
    public long count(ExplorerQuery q) {
        Long stored = filters.storedCount(q);
        if (stored != null) {
            return stored;
        }
        Sql s = explorerSql(q, false);
        return list("SELECT COUNT(*)" + s.fromWhere(), ps -> bindAll(ps, s.params(), 1), rs -> rs.getLong(1)).get(0);
    }

    /** One page of the query's rows, with the class of each of the query's schemes. */
    public List<ExplorerQuery.Row> page(ExplorerQuery q, long offset, int limit) {
        return page(q, offset, limit, -1);
    }

    /**
     * One page of the query's rows, with the class of each of the query's schemes; {@code total} is the
     * query's {@link #count} when the caller knows it (else -1).
     *
     * <p>In id order, the common case, a deep page costs little at a million customers: the id where it
     * starts is found by skipping entries of the primary key index alone, then the page is read from
     * there; a page in descending id order is read as the matching ascending one (Derby cannot walk an
     * index backwards) when {@code total} is known.
     *
     * @since 1.1
     */
    public List<ExplorerQuery.Row> page(ExplorerQuery q, long offset, int limit, long total) {
        String sortScheme = q.sortKey().startsWith("scheme:") ? q.sortKey().substring(7) : null;
        List<String[]> rows;
        if (sortScheme != null && q.schemes().contains(sortScheme) && unfiltered(q)) {
            rows = orders.byClassOrder(q.run(), sortScheme, ClassRank.of(q, sortScheme), q.ascending(), offset, limit);
        } else {
            rows = filters.byStoredClasses(q, offset, limit);
            if (rows == null) {
                rows = filters.byIndexedAmong(q, offset, limit);
            }
            if (rows == null) {
                rows = pageRows(q, offset, limit, total);
            }
        }
        return withClasses(q, rows);
    }

    /** The customer columns of a page's rows, sorted and filtered by the database. */
    List<String[]> pageRows(ExplorerQuery q, long offset, int limit, long total) {
        Sql s = explorerSql(q, true);
        String order = switch (q.sortKey()) {
            case "name" -> "c.NAME";
            case "kind" -> "c.KIND";
            case "country" -> "c.COUNTRY";
            default -> q.sortKey().startsWith("scheme:") && s.alias().containsKey(q.sortKey().substring(7))
                    ? s.alias().get(q.sortKey().substring(7)) : "c.ID";
        };
        if (order.startsWith("c.") && !order.equals("c.ID")) { // read in the order of an index, made the first time it is wanted
            String column = order.substring(2);
            if (s.params().isEmpty() && s.alias().isEmpty() && scan.nearTheStart(column, offset, limit)) {
                return scan.firstByScan(column, q.ascending(), offset, limit, null);
            }
            db.ensureIndex("CUSTOMER_" + column);
        }
        if (!q.ascending() && total < 0 && s.params().isEmpty() && s.alias().isEmpty() && order.startsWith("c.")) {
            total = count(q); // all customers: a count of the key index, far less than sorting them all backwards
        }
        List<String[]> rows;
        boolean byKey = order.equals("c.ID"); // by id, filtered or not; by name, kind or country, all customers
        boolean byIndex = !byKey && order.startsWith("c.") && s.params().isEmpty() && s.alias().isEmpty();
        if ((byKey || byIndex) && (q.ascending() || total >= 0)) { // going down: the ascending page read backwards
            long from = offset;
            int count = limit;
            if (!q.ascending()) {
                from = Math.max(0, total - offset - limit);
                count = (int) Math.max(0, Math.min(limit, total - offset));
            }
            rows = byKey ? byId(s, from, count) : scan.byIndexed(order, from, count);
            if (!q.ascending()) {
                java.util.Collections.reverse(rows);
            }
        } else {
            String dir = q.ascending() ? " ASC" : " DESC";
            String by = q.sortKey().startsWith("scheme:") && s.alias().containsKey(q.sortKey().substring(7))
                    ? ClassRank.of(q, q.sortKey().substring(7)).orderBy(order, dir) : order + dir;
            String sql = "SELECT c.ID, c.NAME, c.KIND, c.COUNTRY" + s.fromWhere() + " ORDER BY " + by
                    + (order.equals("c.ID") ? "" : ", c.ID" + dir) + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
            rows = list(sql, ps -> {
                bindAll(ps, s.params(), 1);
                ps.setLong(s.params().size() + 1, offset);
                ps.setInt(s.params().size() + 2, limit);
            }, Reads::customerColumns);
        }
        return rows;
    }

    /** The rows with the class of each of the query's schemes. */
    List<ExplorerQuery.Row> withClasses(ExplorerQuery q, List<String[]> rows) {
        Map<String, Map<String, String>> classes = new java.util.HashMap<>();
        if (!rows.isEmpty() && !q.schemes().isEmpty() && q.run() > 0) {
            // One primary key lookup per customer and scheme: the run's own row, then the base run's for those it
            // lacks. (An IN list would not do: Derby probes an index with one only on its first column, here the run.)
            try (Connection c = db.connection()) {
                for (String scheme : q.schemes()) {
                    Stored st = stored(q.run(), scheme);
                    List<String[]> missing = lookUp(c, st.rows(), rows, classes);
                    if (st.base() != 0) {
                        lookUp(c, st.baseRows(), missing, classes);
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("query failed: " + e.getMessage(), e);
            }
        }
        List<ExplorerQuery.Row> out = new ArrayList<>(rows.size());
        for (String[] r : rows) {
            Map<String, String> byScheme = classes.getOrDefault(r[0], Map.of());
            List<String> cls = new ArrayList<>(q.schemes().size());
            for (String scheme : q.schemes()) {
                cls.add(byScheme.get(scheme));
            }
            out.add(new ExplorerQuery.Row(r[0], r[1], r[2], r[3], cls));
        }
        return out;
    }

    /** Rows {@code from} to {@code from + count} in ascending id order: the first id by the index alone, then a range. */
    List<String[]> byId(Sql s, long from, int count) {
        if (count <= 0) {
            return new ArrayList<>();
        }
        List<Object> params = new ArrayList<>(s.params());
        String where = s.fromWhere();
        if (from > 0) {
            List<String> first = list("SELECT c.ID" + s.fromWhere() + " ORDER BY c.ID OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY", ps -> {
                bindAll(ps, s.params(), 1);
                ps.setLong(s.params().size() + 1, from);
            }, rs -> rs.getString(1));
            if (first.isEmpty()) {
                return new ArrayList<>();
            }
            where += (where.contains(" WHERE ") ? " AND " : " WHERE ") + "c.ID >= ?";
            params.add(first.get(0));
        }
        return new ArrayList<>(list("SELECT c.ID, c.NAME, c.KIND, c.COUNTRY" + where + " ORDER BY c.ID FETCH NEXT " + count + " ROWS ONLY",
                params, Reads::customerColumns));
    }

    /** The classes of {@code rows} in a scheme of a run into {@code classes}; returns the rows it has none for. */
    static List<String[]> lookUp(Connection c, Source source, List<String[]> rows,
            Map<String, Map<String, String>> classes) throws SQLException {
        List<String[]> missing = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String where = source.rows("x", params);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + source.classId("x") + " FROM " + source.table()
                + " x WHERE " + where + " AND x.CUSTOMER_ID = ?")) {
            bind(ps, params);
            for (String[] r : rows) {
                ps.setString(params.size() + 1, r[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        classes.computeIfAbsent(r[0], k -> new java.util.HashMap<>()).put(source.scheme(), rs.getString(1));
                    } else {
                        missing.add(r);
                    }
                }
            }
        }
        return missing;
    }
}
