package prism.store.internal.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order a sort by a scheme's class follows: the scheme's own order of classes when the query gives one
 * ({@link prism.store.ExplorerQuery#classOrder}: champions before hibernating), then classes it does not list
 * by code point, as the database sorts them; without one, by code point alone. Customers without a class
 * come last either way.
 */
record ClassRank(List<String> order) {

    static final ClassRank CODE_POINT = new ClassRank(List.of());

    static ClassRank of(prism.store.ExplorerQuery q, String scheme) {
        List<String> o = q.classOrder().get(scheme);
        return o == null || o.isEmpty() ? CODE_POINT : new ClassRank(List.copyOf(o));
    }

    boolean byCodePoint() {
        return order.isEmpty();
    }

    private Map<String, Integer> index() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            m.putIfAbsent(order.get(i), i);
        }
        return m;
    }

    /** Classes in this order (not null). */
    Comparator<String> comparator() {
        Map<String, Integer> index = index();
        return Comparator.<String>comparingInt(c -> index.getOrDefault(c, order.size())).thenComparing(ClassOrderPages::byCodePoint);
    }

    /** A map's entries (class → anything) reordered by class in this order. */
    <V> Map<String, V> sorted(Map<String, V> byClass) {
        if (byCodePoint()) {
            return byClass;
        }
        List<String> keys = new ArrayList<>(byClass.keySet());
        keys.sort(comparator());
        Map<String, V> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, byClass.get(k)));
        return m;
    }

    /**
     * The SQL that sorts a class column in this order before the column itself, for ORDER BY; the column
     * alone when by code point. The classes go in as literals: they are the scheme's own ids.
     */
    String orderBy(String column, String direction) {
        if (byCodePoint()) {
            return column + direction;
        }
        StringBuilder sb = new StringBuilder("CASE");
        Map<String, Integer> index = index();
        index.forEach((cls, i) -> sb.append(" WHEN ").append(column).append(" = '").append(cls.replace("'", "''")).append("' THEN ").append(i));
        // Customers without a class last, as the database's own sort puts nulls last going up.
        sb.append(" WHEN ").append(column).append(" IS NULL THEN ").append(order.size() + 1).append(" ELSE ").append(order.size()).append(" END");
        return sb + direction + ", " + column + direction;
    }

    /** Part of the name of a table sorted in this order: empty for code point order. */
    String tag() {
        return byCodePoint() ? "" : Integer.toHexString(order.hashCode()).toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Positions [from, to) of the order sorted this way mapped onto the stored order, whose classes lie at
     * {@code stored} (class → [start, end), in code point order): the stored ranges to read, one after another.
     */
    List<long[]> segments(Map<String, long[]> stored, long from, long to) {
        List<long[]> out = new ArrayList<>();
        long at = 0;
        for (long[] r : sorted(stored).values()) {
            long size = r[1] - r[0];
            long lo = Math.max(from, at);
            long hi = Math.min(to, at + size);
            if (lo < hi) {
                out.add(new long[] {r[0] + lo - at, r[0] + hi - at});
            }
            at += size;
        }
        return out;
    }
}
