package prism.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Customer Explorer shows: the classes of {@code schemes} in {@code run} (0: none yet), rows
 * whose id or name contains {@code text} (case-blind; null for all) and whose class in each filtered
 * scheme is one of the given ones, sorted by {@code sortKey} ({@code id}, {@code name}, {@code kind},
 * {@code country} or {@code scheme:ID}). A sort by a scheme follows {@code classOrder}'s list for that
 * scheme (its classes as the scheme orders them: champions first), then classes the list leaves out by
 * their id; without a list, the ids' order. {@code scoreFilter} keeps the customers whose score in a scheme
 * lies in a range. The database filters and sorts; the view asks for pages.
 */
public record ExplorerQuery(int run, List<String> schemes, String text, Map<String, Set<String>> classFilter,
        String sortKey, boolean ascending, Map<String, List<String>> classOrder, Map<String, ScoreRange> scoreFilter) {

    public ExplorerQuery {
        schemes = List.copyOf(schemes);
        classFilter = Map.copyOf(classFilter);
        classOrder = classOrder == null ? Map.of() : Map.copyOf(classOrder);
        scoreFilter = scoreFilter == null ? Map.of() : Map.copyOf(scoreFilter);
    }

    /** A query without score filters. */
    public ExplorerQuery(int run, List<String> schemes, String text, Map<String, Set<String>> classFilter, String sortKey,
            boolean ascending, Map<String, List<String>> classOrder) {
        this(run, schemes, text, classFilter, sortKey, ascending, classOrder, Map.of());
    }

    /**
     * Customers whose score in a scheme is at least {@code min} and below {@code max}: an R × F cell of the
     * RFM grid is the scores from 530 to 540 (R 5, F 3).
     */
    public record ScoreRange(double min, double max) {
    }

    /** A query whose sort by a scheme follows the class ids' order. */
    public ExplorerQuery(int run, List<String> schemes, String text, Map<String, Set<String>> classFilter, String sortKey,
            boolean ascending) {
        this(run, schemes, text, classFilter, sortKey, ascending, Map.of());
    }

    public static ExplorerQuery all(int run, List<String> schemes) {
        return new ExplorerQuery(run, schemes, null, Map.of(), "id", true);
    }

    /** One row: the customer's columns and its class in each scheme of the query (null: none). */
    public record Row(String id, String name, String kind, String country, List<String> classes) {
    }
}
