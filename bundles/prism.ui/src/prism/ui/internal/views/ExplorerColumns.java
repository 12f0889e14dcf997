package prism.ui.internal.views;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.dialogs.ListSelectionDialog;

import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.SchemeClass;
import prism.store.ExplorerQuery;
import prism.ui.SchemeUi;

/**
 * The Customer Explorer's columns as the analyst reads them: a fixed column per customer field and one per
 * scheme, titled with its name and as wide as its longest class label; cells with the class's label in its
 * colour; the tooltips; and the dialog that picks class filters.
 */
final class ExplorerColumns {

    private static final String[] FIXED = CustomerExplorerView.FIXED;

    private ExplorerColumns() {
    }

    static String title(int column, List<ClassificationScheme> schemes) {
        return column < FIXED.length ? FIXED[column] : schemes.get(column - FIXED.length).name();
    }

    /** Makes the table's columns anew; a click on a header tells {@code onSort} the column's key. */
    static void build(Table table, List<ClassificationScheme> schemes, List<String> keys, Consumer<String> onSort) {
        for (TableColumn c : table.getColumns()) {
            c.dispose();
        }
        GC gc = new GC(table);
        try {
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                TableColumn c = new TableColumn(table, SWT.NONE);
                ClassificationScheme scheme = i < FIXED.length ? null : schemes.get(i - FIXED.length);
                c.setText(title(i, schemes));
                int width = i == 1 ? 200 : 90;
                if (scheme != null) {
                    width = gc.textExtent(title(i, schemes) + " (filtered)").x + 24;
                    for (SchemeClass sc : scheme.classes()) {
                        width = Math.max(width, gc.textExtent(Labels.of(scheme, sc.id())).x + 40); // room for an icon
                    }
                    width = Math.min(width, 260);
                }
                c.setWidth(width);
                c.setToolTipText(scheme == null ? "Sort by " + FIXED[i] : scheme.name() + " [" + scheme.id() + "]: " + scheme.description()
                        + "\nClick to sort by class, in the scheme's order of classes.");
                c.addListener(SWT.Selection, e -> onSort.accept(key));
            }
        } finally {
            gc.dispose();
        }
    }

    /** Marks the sorted column ({@code sorted} its index, -1 for none) and the filtered schemes' titles. */
    static void markSort(Table table, List<ClassificationScheme> schemes, Map<String, Set<String>> classFilter, int sorted, boolean ascending) {
        TableColumn[] cols = table.getColumns();
        for (int i = 0; i < cols.length && i < FIXED.length + schemes.size(); i++) {
            if (i == sorted) {
                table.setSortColumn(cols[i]);
                table.setSortDirection(ascending ? SWT.UP : SWT.DOWN);
            }
            String scheme = i < FIXED.length ? null : schemes.get(i - FIXED.length).id();
            cols[i].setText(scheme != null && classFilter.containsKey(scheme) ? title(i, schemes) + " (filtered)" : title(i, schemes));
        }
    }

    static void fill(TableItem item, ExplorerQuery.Row r, List<ClassificationScheme> schemes) {
        item.setText(0, r.id());
        item.setText(1, r.name() == null ? "" : r.name());
        item.setText(2, r.kind() == null ? "" : r.kind());
        item.setText(3, r.country() == null ? "" : r.country());
        for (int i = 0; i < schemes.size() && i < r.classes().size(); i++) {
            String cls = r.classes().get(i);
            int col = FIXED.length + i;
            item.setText(col, cls == null ? "" : Labels.of(schemes.get(i), cls));
            if (cls != null) {
                Color c = SchemeUi.get().colour(schemes.get(i), cls);
                item.setBackground(col, c);
                item.setForeground(col, SchemeUi.textOn(c));
                Image icon = SchemeUi.get().icon(schemes.get(i).id(), cls);
                if (icon != null) {
                    item.setImage(col, icon);
                }
            }
        }
    }

    /** What a cell's tooltip says: a class's label, id and description; a field in full; null while its row loads. */
    static String tooltip(ExplorerQuery.Row r, int column, List<ClassificationScheme> schemes) {
        if (r == null) {
            return null;
        }
        if (column < FIXED.length) {
            return switch (column) {
                case 0 -> r.id();
                case 1 -> r.name();
                case 2 -> r.kind();
                default -> r.country();
            };
        }
        int k = column - FIXED.length;
        if (k >= schemes.size() || k >= r.classes().size() || r.classes().get(k) == null) {
            return null;
        }
        ClassificationScheme scheme = schemes.get(k);
        String id = r.classes().get(k);
        SchemeClass sc = scheme.schemeClass(id);
        return Labels.of(scheme, id) + " [" + id + "]" + (sc == null || sc.description().isBlank() ? "" : "\n" + sc.description())
                + "\n" + scheme.name() + "; double-click to see why";
    }

    /** Asks which schemes to filter, then for each which classes to keep, into {@code classFilter}; whether it was changed. */
    static boolean chooseFilter(Shell shell, List<ClassificationScheme> schemes, Map<String, Set<String>> classFilter) {
        if (schemes.isEmpty()) {
            return false;
        }
        ListSelectionDialog pickScheme = ListSelectionDialog.of(schemes).contentProvider(ArrayContentProvider.getInstance())
                .labelProvider(LabelProvider.createTextProvider(o -> ((ClassificationScheme) o).name())).message("Filter which schemes?")
                .create(shell);
        pickScheme.setTitle("Filter by class");
        if (pickScheme.open() != 0) {
            return false;
        }
        for (Object o : pickScheme.getResult()) {
            ClassificationScheme s = (ClassificationScheme) o;
            ListSelectionDialog pickClasses = ListSelectionDialog.of(s.classes()).contentProvider(ArrayContentProvider.getInstance())
                    .labelProvider(LabelProvider.createTextProvider(c -> ((SchemeClass) c).label() + " (" + ((SchemeClass) c).id() + ")"))
                    .message("Keep customers whose " + s.name() + " is one of:").create(shell);
            pickClasses.setTitle("Filter by " + s.name());
            List<SchemeClass> current = s.classes().stream().filter(c -> classFilter.getOrDefault(s.id(), Set.of()).contains(c.id())).toList();
            pickClasses.setInitialElementSelections(current);
            if (pickClasses.open() == 0) {
                Set<String> chosen = new LinkedHashSet<>();
                for (Object c : pickClasses.getResult()) {
                    chosen.add(((SchemeClass) c).id());
                }
                if (chosen.isEmpty()) {
                    classFilter.remove(s.id());
                } else {
                    classFilter.put(s.id(), chosen);
                }
            }
        }
        return true;
    }
}
