package prism.rules.ui.internal;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;

/** A table column from two functions of the row: its text, and its background (null for none). */
final class Columns {

    private Columns() {
    }

    @SuppressWarnings("unchecked")
    static <T> void add(TableViewer table, String title, int width, Function<T, String> text, Function<T, Color> background) {
        TableViewerColumn c = new TableViewerColumn(table, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((T) element);
            }

            @Override
            public Color getBackground(Object element) {
                return background == null ? null : background.apply((T) element);
            }
        });
    }
}
