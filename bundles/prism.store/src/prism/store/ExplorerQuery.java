package prism.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Customer Explorer shows: the classes of {@code schemes} in {@code run} (0: none yet), rows
 * whose id or name contains {@code text} (case-blind; null for all) and whose class in each filtered
 * scheme is one of the given ones, sorted by {@code sortKey} ({@code id}, {@code name}, {@code kind},
 * {@code country} or {@code scheme:ID}). The database filters and sorts; the view asks for pages.
 */
public record ExplorerQuery(int run, List<String> schemes, String text, Map<String, Set<String>> classFilter,
        String sortKey, boolean ascending) {

    public ExplorerQuery {
        schemes = List.copyOf(schemes);
        classFilter = Map.copyOf(classFilter);
    }

    public static ExplorerQuery all(int run, List<String> schemes) {
        return new ExplorerQuery(run, schemes, null, Map.of(), "id", true);
    }

    /** One row: the customer's columns and its class in each scheme of the query (null: none). */
    public record Row(String id, String name, String kind, String country, List<String> classes) {
    }
}
