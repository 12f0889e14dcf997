package prism.ui.internal.views;

import java.util.function.IntFunction;

import org.eclipse.nebula.widgets.nattable.config.IConfigRegistry;
import org.eclipse.nebula.widgets.nattable.layer.cell.ILayerCell;
import org.eclipse.nebula.widgets.nattable.painter.cell.AbstractCellPainter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;

import prism.core.scheme.ClassificationScheme;
import prism.ui.SchemeUi;

/** Paints a class id as a coloured label in the scheme's class colour. */
final class ClassChipPainter extends AbstractCellPainter {

    /** The scheme of a column index, or null for a plain column. */
    private final IntFunction<ClassificationScheme> schemeOfColumn;

    ClassChipPainter(IntFunction<ClassificationScheme> schemeOfColumn) {
        this.schemeOfColumn = schemeOfColumn;
    }

    @Override
    public void paintCell(ILayerCell cell, GC gc, Rectangle bounds, IConfigRegistry configRegistry) {
        Object v = cell.getDataValue();
        ClassificationScheme scheme = schemeOfColumn.apply(cell.getColumnIndex());
        Color bg = gc.getBackground();
        Color fg = gc.getForeground();
        gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(bounds);
        if (v != null && scheme != null) {
            String text = v.toString();
            Color c = SchemeUi.get().colour(scheme, text);
            Point extent = gc.textExtent(text);
            int w = Math.min(bounds.width - 4, extent.x + 10);
            gc.setBackground(c);
            gc.fillRoundRectangle(bounds.x + 2, bounds.y + 2, w, bounds.height - 4, 8, 8);
            gc.setForeground(SchemeUi.textOn(c));
            gc.drawText(text, bounds.x + 7, bounds.y + (bounds.height - extent.y) / 2, true);
        } else if (v != null) {
            gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
            gc.drawText(v.toString(), bounds.x + 4, bounds.y + 2, true);
        }
        gc.setBackground(bg);
        gc.setForeground(fg);
    }

    @Override
    public int getPreferredWidth(ILayerCell cell, GC gc, IConfigRegistry configRegistry) {
        Object v = cell.getDataValue();
        return v == null ? 20 : gc.textExtent(v.toString()).x + 16;
    }

    @Override
    public int getPreferredHeight(ILayerCell cell, GC gc, IConfigRegistry configRegistry) {
        return 20;
    }
}
