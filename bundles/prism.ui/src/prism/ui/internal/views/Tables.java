package prism.ui.internal.views;

import java.util.List;
import java.util.function.BiFunction;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;

/** Small read-only tables of text rows, the common case of Prism's detail views. */
public final class Tables {

    private Tables() {
    }

    /** A table with the given headers and widths whose rows are String arrays. */
    public static TableViewer table(Composite parent, String[] headers, int[] widths) {
        return table(parent, headers, widths, null);
    }

    /**
     * As {@link #table(Composite, String[], int[])}, with {@code background(row, column)} colouring
     * cells (null for none).
     */
    public static TableViewer table(Composite parent, String[] headers, int[] widths, BiFunction<String[], Integer, Color> background) {
        return table(parent, headers, widths, background, null);
    }

    /**
     * As {@link #table(Composite, String[], int[], BiFunction)}, with {@code tooltip(row, column)} the
     * text a cell shows on hover (null for none): the full text of a long cell, the id behind a label.
     */
    public static TableViewer table(Composite parent, String[] headers, int[] widths, BiFunction<String[], Integer, Color> background,
            BiFunction<String[], Integer, String> tooltip) {
        TableViewer v = new TableViewer(parent, SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL | SWT.MULTI);
        v.getTable().setHeaderVisible(true);
        v.getTable().setLinesVisible(true);
        for (int i = 0; i < headers.length; i++) {
            int col = i;
            TableViewerColumn c = new TableViewerColumn(v, SWT.NONE);
            c.getColumn().setText(headers[i]);
            c.getColumn().setWidth(widths[i]);
            c.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    String[] row = (String[]) element;
                    return col < row.length && row[col] != null ? row[col] : "";
                }

                @Override
                public Color getBackground(Object element) {
                    return background == null ? null : background.apply((String[]) element, col);
                }

                @Override
                public String getToolTipText(Object element) {
                    return tooltip == null ? null : tooltip.apply((String[]) element, col);
                }

                @Override
                public Color getForeground(Object element) {
                    Color bg = getBackground(element);
                    return bg == null ? null : prism.ui.SchemeUi.textOn(bg);
                }
            });
        }
        v.setContentProvider(ArrayContentProvider.getInstance());
        sortable(v);
        if (tooltip != null) {
            org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(v);
        }
        return v;
    }

    /**
     * A click on a header sorts the rows by that column, a second click the other way: numbers as numbers
     * (grouping separators and a trailing % ignored), the rest as text; empty cells last.
     */
    private static void sortable(TableViewer v) {
        org.eclipse.swt.widgets.Table t = v.getTable();
        for (int i = 0; i < t.getColumnCount(); i++) {
            int col = i;
            org.eclipse.swt.widgets.TableColumn c = t.getColumn(i);
            c.addListener(SWT.Selection, e -> {
                boolean up = t.getSortColumn() != c || t.getSortDirection() != SWT.UP;
                t.setSortColumn(c);
                t.setSortDirection(up ? SWT.UP : SWT.DOWN);
                v.setComparator(new org.eclipse.jface.viewers.ViewerComparator() {
                    @Override
                    public int compare(org.eclipse.jface.viewers.Viewer viewer, Object a, Object b) {
                        int r = compareCells(cell((String[]) a, col), cell((String[]) b, col));
                        return up ? r : -r;
                    }
                });
            });
        }
    }

    private static String cell(String[] row, int col) {
        return col < row.length && row[col] != null ? row[col] : "";
    }

    /** Numbers by value, text case-blind, empty cells after both. */
    static int compareCells(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        return String.CASE_INSENSITIVE_ORDER.compare(a, b);
    }

    private static Double number(String s) {
        String t = s.replace(",", "").replace("\u00a0", "").replace("\u202f", "").replace(" %", "").replace("%", "").trim();
        if (t.isEmpty() || !t.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        return Double.valueOf(t);
    }

    public static void set(TableViewer v, List<String[]> rows) {
        if (!v.getControl().isDisposed()) {
            v.setInput(rows.toArray());
        }
    }
}
