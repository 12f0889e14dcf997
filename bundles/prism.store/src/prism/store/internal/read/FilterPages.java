package prism.store.internal.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import prism.store.ExplorerQuery;
import prism.store.StoreException;
import prism.store.internal.ClassOrder;
import prism.store.internal.Database;
import prism.store.internal.IdSet;
import prism.store.internal.IdStreams;

/** Pages of the customers a query's class filters and text select, answered from the runs' stored class orders. */
final class FilterPages extends Reads {

    private final ScanPages scan;

    FilterPages(Database db, ScanPages scan) {
        super(db);
        this.scan = scan;
    }

    /**
     * A text search with no class filter, in id order, that matches at most this many customers is sorted
     * here: read in id order, a text that matches few walks the whole key index and fetches every row from
     * it, where one scan of the table in its own order costs far less.
     * One that matches more is read in id order by the database, which soon fills a page.
     */
    static final int FEW_MATCHES = 100_000;

    /**
     * How many customers a query's text may match for its matches to be gathered here: any number when they
     * are to be kept among class filters or walked in another order, where the database would join and sort.
     */
    static long textCap(ExplorerQuery q, String sortKey) {
        return classFilters(q).isEmpty() && sortKey.equals("id") ? FEW_MATCHES : Long.MAX_VALUE;
    }

    /**
     * The ids of the customers the query's text matches, among {@code within} when that is not null, from
     * one scan of the table; null when there is no text, when more than {@code cap} match, or when an id
     * would not sort in Java as in the database. Held as an {@link IdSet}, a few bytes an id.
     */
    IdSet textMatches(Connection c, ExplorerQuery q, IdSet within, long cap) throws SQLException {
        if (!db.isDerby() || !hasText(q)) {
            return null;
        }
        List<Object> params = new ArrayList<>();
        String condition = textCondition(q, params);
        IdSet.Builder ids = new IdSet.Builder();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.ID FROM CUSTOMER c WHERE " + condition)) {
            bindAll(ps, params, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (within == null || within.contains(id)) {
                        if (ids.size() == cap || !ClassOrder.sortsAsInDatabase(id)) {
                            return null;
                        }
                        ids.add(id);
                    }
                }
            }
        }
        return ids.build();
    }

    /**
     * The class filters of a query, by scheme: a query with such filters is answered from the runs' stored
     * class orders, where a class is a range of customers in id order. Empty when the query has none.
     */
    static Map<String, Set<String>> classFilters(ExplorerQuery q) {
        Map<String, Set<String>> f = new java.util.TreeMap<>(); // as explorerSql: filters of the query's schemes
        q.classFilter().forEach((scheme, classes) -> {
            if (q.schemes().contains(scheme) && !classes.isEmpty()) {
                f.put(scheme, classes);
            }
        });
        return f;
    }

    /**
     * A query's filters and sort answered from the run's stored class orders: per filtered scheme the ranges
     * of its selected classes, the customers among them its text matches (null when it has none), and the
     * ranges of every class of the scheme it is sorted by (null when by id).
     */
    record FromOrders(Map<String, List<long[]>> selected, IdSet text, String sortScheme,
            Map<String, long[]> sortRanges) {

        /** The customers the filters select, in id order. */
        IdStreams.IdStream inIdOrder(Connection c, int run, String skip) throws SQLException {
            if (text != null) {
                return text.stream(); // within the class filters already
            }
            List<IdStreams.IdStream> each = new ArrayList<>();
            for (Map.Entry<String, List<long[]>> e : selected.entrySet()) {
                if (!e.getKey().equals(skip)) {
                    List<IdStreams.IdStream> ranges = new ArrayList<>();
                    for (long[] r : e.getValue()) {
                        ranges.add(IdStreams.range(c, run, e.getKey(), r[0], r[1]));
                    }
                    each.add(ranges.size() == 1 ? ranges.get(0) : IdStreams.merge(ranges));
                }
            }
            return each.size() == 1 ? each.get(0) : IdStreams.intersect(each);
        }

        /** The customers the filters select in the query's order: by id, or class by class of the sort scheme. */
        IdStreams.IdStream inOrder(Connection c, int run) throws SQLException {
            if (sortScheme == null) {
                return inIdOrder(c, run, null);
            }
            List<IdStreams.Opener> classes = new ArrayList<>();
            List<long[]> own = selected.get(sortScheme); // sorted by a filtered scheme: only its selected classes
            for (long[] r : own != null ? own : List.copyOf(sortRanges.values())) {
                classes.add(() -> {
                    IdStreams.IdStream cls = IdStreams.range(c, run, sortScheme, r[0], r[1]);
                    boolean others = text != null || selected.keySet().stream().anyMatch(s -> !s.equals(sortScheme));
                    return others ? IdStreams.intersect(List.of(cls, inIdOrder(c, run, sortScheme))) : cls;
                });
            }
            return IdStreams.concat(classes);
        }
    }

    /**
     * What the run's stored class orders need to answer the query; null when they do not serve it, or when
     * its text matches more than {@code cap} customers.
     */
    FromOrders fromOrders(Connection c, ExplorerQuery q, String sortKey, long cap) throws SQLException {
        Map<String, Set<String>> filters = classFilters(q);
        String sortScheme = sortKey.startsWith("scheme:") ? sortKey.substring(7) : null;
        if (!db.isDerby() || !q.scoreFilter().isEmpty() || filters.isEmpty() && !hasText(q)
                || !(sortKey.equals("id") || sortScheme != null && q.schemes().contains(sortScheme))
                || q.run() <= 0 && (!filters.isEmpty() || sortScheme != null)) { // a text alone by id needs no run
            return null;
        }
        Map<String, List<long[]>> selected = new java.util.TreeMap<>();
        for (Map.Entry<String, Set<String>> f : filters.entrySet()) {
            Optional<Map<String, long[]>> ranges = ClassOrder.ranges(c, q.run(), f.getKey());
            if (ranges.isEmpty()) {
                return null;
            }
            List<long[]> sel = new ArrayList<>();
            // In the order the query sorts by when it sorts by this scheme: its classes are read one after another.
            ClassRank rank = f.getKey().equals(sortScheme) ? ClassRank.of(q, sortScheme) : ClassRank.CODE_POINT;
            rank.sorted(ranges.get()).forEach((cls, r) -> {
                if (f.getValue().contains(cls) && r[1] > r[0]) {
                    sel.add(r);
                }
            });
            selected.put(f.getKey(), sel);
        }
        Map<String, long[]> sortRanges = null;
        if (sortScheme != null && !selected.containsKey(sortScheme)) {
            Optional<Map<String, long[]>> ranges = ClassOrder.ranges(c, q.run(), sortScheme);
            if (ranges.isEmpty()) {
                return null;
            }
            sortRanges = ClassRank.of(q, sortScheme).sorted(ranges.get());
        }
        FromOrders classes = new FromOrders(selected, null, sortScheme, sortRanges);
        if (!hasText(q)) {
            return classes;
        }
        IdSet text = new IdSet.Builder().build();
        if (selected.values().stream().noneMatch(List::isEmpty)) {
            // The scan for the text keeps the customers the class filters select.
            text = textMatches(c, q, selected.isEmpty() ? null : IdSet.of(classes.inIdOrder(c, q.run(), null)), cap);
            if (text == null) {
                return null;
            }
        }
        return new FromOrders(selected, text, sortScheme, sortRanges);
    }

    /** How many customers the stored orders' filters select: their ranges' sizes for one scheme, else an intersection. */
    static long count(Connection c, int run, FromOrders st) throws SQLException {
        if (st.text() != null) {
            return st.text().size();
        }
        if (st.selected().values().stream().anyMatch(List::isEmpty)) {
            return 0;
        }
        if (st.selected().size() == 1) {
            return st.selected().values().iterator().next().stream().mapToLong(r -> r[1] - r[0]).sum();
        }
        return IdStreams.count(st.inIdOrder(c, run, null));
    }

    /**
     * The count of a query filtered by classes or a text, from the run's stored class orders and the text's
     * matches; null when they do not serve it.
     */
    Long storedCount(ExplorerQuery q) {
        if (!db.isDerby() || classFilters(q).isEmpty() && !hasText(q)) {
            return null;
        }
        try (Connection c = db.connection()) {
            FromOrders st = fromOrders(c, q, "id", textCap(q, "id")); // the count is the filters' whatever the sort
            return st == null ? null : count(c, q.run(), st);
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    /**
     * A page of a query filtered by classes and sorted by id or by a class, from the runs' stored class
     * orders; null when they do not serve it. One scheme's classes by id or by that scheme are positions of
     * its order; anything else walks the streams of ids to the page, holding a chunk of each.
     */
    List<String[]> byStoredClasses(ExplorerQuery q, long offset, int limit) {
        if (!db.isDerby() || classFilters(q).isEmpty() && !hasText(q)) {
            return null;
        }
        try (Connection c = db.connection()) {
            FromOrders st = fromOrders(c, q, q.sortKey(), textCap(q, q.sortKey()));
            if (st == null) {
                return null;
            }
            // Going up past several schemes' filters, the walk to the page ends where they do: no count first.
            boolean walk = q.ascending() && st.text() == null && st.selected().size() > 1;
            long[] w = window(q.ascending(), walk ? Long.MAX_VALUE : count(c, q.run(), st), offset, limit);
            if (w == null) {
                return new ArrayList<>();
            }
            long from = w[0], to = w[1];
            List<String> ids = new ArrayList<>();
            String only = st.selected().size() == 1 && st.text() == null ? st.selected().keySet().iterator().next() : null;
            List<long[]> sel = only == null ? null : st.selected().get(only);
            if (only != null && (only.equals(st.sortScheme()) || st.sortScheme() == null && sel.size() == 1)) {
                long before = 0; // positions [from, to) of the ranges laid end to end
                for (long[] r : sel) {
                    long a = Math.max(from, before), b = Math.min(to, before + r[1] - r[0]);
                    if (a < b) {
                        ids.addAll(ClassOrder.ids(c, q.run(), only, r[0] + a - before, r[0] + b - before));
                    }
                    before += r[1] - r[0];
                }
            } else {
                ids = IdStreams.slice(st.inOrder(c, q.run()), from, to);
            }
            return customerRows(c, ids, walk ? ids.size() : to - from, q.ascending());
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    /**
     * A page of a filtered query sorted by name, kind or country: the customers the filters select (from the
     * run's stored class orders, and the few a text matches) are held as an {@link IdSet}, and the (column,
     * id) index is walked in its order, keeping theirs, up to the page: cheaper than the database's own plan,
     * which joins the run's rows to every customer and sorts them. Null when the stored orders or the text's
     * matches do not serve the query.
     */
    List<String[]> byIndexedAmong(ExplorerQuery q, long offset, int limit) {
        String column = switch (q.sortKey()) {
            case "name" -> "NAME";
            case "kind" -> "KIND";
            case "country" -> "COUNTRY";
            default -> null;
        };
        if (column == null || !db.isDerby() || unfiltered(q)) {
            return null;
        }
        try (Connection c = db.connection()) {
            // A text alone is answered there too (it needs no run): a null is a query the stored orders cannot serve.
            FromOrders st = fromOrders(c, q, "id", Long.MAX_VALUE);
            if (st == null) {
                return null;
            }
            IdSet among = st.text() != null ? st.text() : IdSet.of(st.inIdOrder(c, q.run(), null));
            if (scan.nearTheStart(column, offset, limit)) {
                return scan.firstByScan(column, q.ascending(), offset, limit, among);
            }
            long[] w = window(q.ascending(), among.size(), offset, limit);
            if (w == null) {
                return new ArrayList<>();
            }
            long from = w[0], to = w[1];
            db.ensureIndex("CUSTOMER_" + column);
            List<String> ids = new ArrayList<>();
            // Derby sorts nulls last, as the explorer's other pages by this column do.
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ID FROM CUSTOMER --DERBY-PROPERTIES index=CUSTOMER_"
                    + column + "\n ORDER BY " + column + ", ID")) {
                for (long pos = 0; pos < to && rs.next();) {
                    String id = rs.getString(1);
                    if (among.contains(id)) {
                        if (pos >= from) {
                            ids.add(id);
                        }
                        pos++;
                    }
                }
            }
            return customerRows(c, ids, to - from, q.ascending());
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }
}
