package prism.store;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

/**
 * An explorer view an analyst saved under a name: the search text, the class filters and the sort. Kept in
 * the database, so everyone who opens it sees the same list.
 *
 * @since 1.4
 */
public record SavedView(String name, String text, Map<String, Set<String>> classFilter, String sortKey, boolean ascending,
        LocalDateTime savedAt) {

    public SavedView {
        classFilter = Map.copyOf(classFilter);
        text = text == null ? "" : text;
    }

    /** The query this view makes of a run with these schemes, sorting their classes in {@code classOrder}. */
    public ExplorerQuery query(int run, java.util.List<String> schemes, Map<String, java.util.List<String>> classOrder) {
        return new ExplorerQuery(run, schemes, text, classFilter, sortKey, ascending, classOrder);
    }
}
