package prism.store.internal.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

import prism.store.StoreException;
import prism.store.internal.ClassOrder;
import prism.store.internal.Database;

/**
 * Counts of customers by a pair of classes (a cross-tab of two schemes, a migration between two runs) and
 * the customers of one pair.
 *
 * <p>A join of two runs' rows in the database takes minutes on Derby at 100 k customers (nested loops over
 * the union a run stored as changes reads through). The class order stored with a run holds every customer
 * it saw, class after class, each class in id order: merged back into id order, two of them are a merge
 * join in memory, a second or so at a million. Runs without a stored order (PostgreSQL, runs from before
 * orders were kept) are counted by the database where it joins well, and on Derby from two scans.
 */
public final class ClassPairs {

    /** How often the merges look at the monitor. */
    private static final int CHECK_EVERY = 1 << 16;

    private final Reads reads;
    private final Database db;

    public ClassPairs(Reads reads, Database db) {
        this.reads = reads;
        this.db = db;
    }

    /** One side of a pair: the customers a run classified in id order, and the index of each one's class. */
    record Side(String[] ids, int[] classOf, List<String> classes) {
    }

    public Map<List<String>, Integer> counts(int runA, String schemeA, int runB, String schemeB, IProgressMonitor monitor) {
        try (Connection c = db.connection()) {
            Optional<Side> a = db.isDerby() ? side(c, runA, schemeA, monitor) : Optional.empty();
            Optional<Side> b = a.isPresent() ? side(c, runB, schemeB, monitor) : Optional.empty();
            if (b.isPresent()) {
                return merge(a.get(), b.get(), monitor);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the runs' class orders: " + e.getMessage(), e);
        }
        return db.isDerby() ? scanned(runA, schemeA, runB, schemeB, monitor) : joined(runA, schemeA, runB, schemeB);
    }

    /** The customers in class {@code classA} of run A and {@code classB} of run B, by id: id and name, at most {@code limit}. */
    public List<String[]> customers(int runA, String schemeA, String classA, int runB, String schemeB, String classB, int limit,
            IProgressMonitor monitor) {
        try (Connection c = db.connection()) {
            Optional<String[]> a = db.isDerby() ? classIds(c, runA, schemeA, classA, monitor) : Optional.empty();
            Optional<String[]> b = a.isPresent() ? classIds(c, runB, schemeB, classB, monitor) : Optional.empty();
            if (b.isPresent()) {
                return names(c, intersection(a.get(), b.get(), limit));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the runs' class orders: " + e.getMessage(), e);
        }
        List<Object> params = new ArrayList<>();
        String x = reads.rowsOf(runA, schemeA, params);
        String y = reads.rowsOf(runB, schemeB, params);
        params.add(classA);
        params.add(classB);
        return reads.list("SELECT c.ID, c.NAME FROM " + x + " x JOIN " + y + " y ON y.CUSTOMER_ID = x.CUSTOMER_ID "
                + "JOIN CUSTOMER c ON c.ID = x.CUSTOMER_ID WHERE x.CLASS_ID = ? AND y.CLASS_ID = ? ORDER BY c.ID FETCH FIRST "
                + limit + " ROWS ONLY", params, rs -> new String[] {rs.getString(1), rs.getString(2)});
    }

    // ------------------------------------------------------------------ from the stored class orders

    /** The run's customers in id order with their class in {@code scheme}, from its stored order; empty without one. */
    static Optional<Side> side(Connection c, int run, String scheme, IProgressMonitor monitor) throws SQLException {
        Optional<Map<String, List<String>>> byClass = ClassOrder.byClass(c, run, scheme, monitor::isCanceled);
        if (byClass.isEmpty()) {
            return Optional.empty();
        }
        checkCancel(monitor);
        List<String> classes = new ArrayList<>(byClass.get().keySet());
        List<List<String>> lists = new ArrayList<>(byClass.get().values());
        int n = lists.stream().mapToInt(List::size).sum();
        String[] ids = new String[n];
        int[] classOf = new int[n];
        int[] at = new int[lists.size()];
        // A k-way merge: each class's ids are ascending, so the smallest head is the next customer.
        PriorityQueue<Integer> heads = new PriorityQueue<>((x, y) -> lists.get(x).get(at[x]).compareTo(lists.get(y).get(at[y])));
        for (int k = 0; k < lists.size(); k++) {
            if (!lists.get(k).isEmpty()) {
                heads.add(k);
            }
        }
        for (int i = 0; i < n; i++) {
            int k = heads.poll();
            ids[i] = lists.get(k).get(at[k]);
            classOf[i] = k;
            if (++at[k] < lists.get(k).size()) {
                heads.add(k);
            }
            if ((i & (CHECK_EVERY - 1)) == 0) {
                checkCancel(monitor);
            }
        }
        return Optional.of(new Side(ids, classOf, classes));
    }

    /** Counts by (class in a, class in b) of the customers in both: a merge join of two id-ordered sides. */
    static Map<List<String>, Integer> merge(Side a, Side b, IProgressMonitor monitor) {
        int[][] n = new int[a.classes().size()][b.classes().size()];
        int i = 0;
        int j = 0;
        int steps = 0;
        while (i < a.ids().length && j < b.ids().length) {
            int cmp = a.ids()[i].compareTo(b.ids()[j]);
            if (cmp == 0) {
                n[a.classOf()[i++]][b.classOf()[j++]]++;
            } else if (cmp < 0) {
                i++;
            } else {
                j++;
            }
            if ((++steps & (CHECK_EVERY - 1)) == 0) {
                checkCancel(monitor);
            }
        }
        Map<List<String>, Integer> m = new LinkedHashMap<>();
        for (int x = 0; x < n.length; x++) {
            for (int y = 0; y < n[x].length; y++) {
                if (n[x][y] > 0) {
                    m.put(List.of(a.classes().get(x), b.classes().get(y)), n[x][y]);
                }
            }
        }
        return m;
    }

    /** The ids of one class of a run's stored order, ascending; empty without an order (an absent class has none). */
    static Optional<String[]> classIds(Connection c, int run, String scheme, String cls, IProgressMonitor monitor) throws SQLException {
        return ClassOrder.idsOfClass(c, run, scheme, cls, monitor::isCanceled).map(l -> l.toArray(String[]::new));
    }

    /** The ids in both ascending arrays, at most {@code limit}. */
    static List<String> intersection(String[] a, String[] b, int limit) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length && out.size() < limit) {
            int cmp = a[i].compareTo(b[j]);
            if (cmp == 0) {
                out.add(a[i]);
                i++;
                j++;
            } else if (cmp < 0) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    /** Id and name of each customer, in the order given. */
    private static List<String[]> names(Connection c, List<String> ids) throws SQLException {
        Map<String, String> name = new HashMap<>();
        int batch = 200;
        for (int from = 0; from < ids.size(); from += batch) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + batch));
            try (PreparedStatement ps = c.prepareStatement("SELECT ID, NAME FROM CUSTOMER WHERE ID IN ("
                    + String.join(",", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                for (int k = 0; k < part.size(); k++) {
                    ps.setString(k + 1, part.get(k));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        name.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return ids.stream().map(id -> new String[] {id, name.get(id)}).toList();
    }

    // ------------------------------------------------------------------ without stored orders

    /** The database's own join: PostgreSQL hashes it. */
    private Map<List<String>, Integer> joined(int runA, String schemeA, int runB, String schemeB) {
        Map<List<String>, Integer> m = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        String x = reads.rowsOf(runA, schemeA, params);
        String y = reads.rowsOf(runB, schemeB, params);
        for (Object[] r : reads.list("SELECT x.CLASS_ID, y.CLASS_ID, COUNT(*) FROM " + x + " x JOIN " + y + " y "
                + "ON y.CUSTOMER_ID = x.CUSTOMER_ID GROUP BY x.CLASS_ID, y.CLASS_ID", params,
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)})) {
            m.put(List.of((String) r[0], (String) r[1]), (Integer) r[2]);
        }
        return m;
    }

    /** Derby without stored orders: each side read once, joined in a hash map. */
    private Map<List<String>, Integer> scanned(int runA, String schemeA, int runB, String schemeB, IProgressMonitor monitor) {
        Map<String, Integer> classIndex = new LinkedHashMap<>();
        Map<String, Integer> classOfA = new HashMap<>();
        scan(runA, schemeA, monitor, (id, cls) -> classOfA.put(id, classIndex.computeIfAbsent(cls, k -> classIndex.size())));
        List<String> classesA = new ArrayList<>(classIndex.keySet());
        Map<List<String>, Integer> m = new LinkedHashMap<>();
        scan(runB, schemeB, monitor, (id, cls) -> {
            Integer a = classOfA.get(id);
            if (a != null) {
                m.merge(List.of(classesA.get(a), cls), 1, Integer::sum);
            }
        });
        return m;
    }

    private void scan(int run, String scheme, IProgressMonitor monitor, java.util.function.BiConsumer<String, String> row) {
        List<Object> params = new ArrayList<>();
        String x = reads.rowsOf(run, scheme, params);
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT x.CUSTOMER_ID, x.CLASS_ID FROM " + x + " x")) {
            Reads.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                int k = 0;
                while (rs.next()) {
                    row.accept(rs.getString(1), rs.getString(2));
                    if ((++k & (CHECK_EVERY - 1)) == 0) {
                        checkCancel(monitor);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    private static void checkCancel(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
