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
        if (tooltip != null) {
            org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(v);
        }
        return v;
    }

    public static void set(TableViewer v, List<String[]> rows) {
        if (!v.getControl().isDisposed()) {
            v.setInput(rows.toArray());
        }
    }
}
