package prism.ui;

import java.util.List;
import java.util.function.BiConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * A grid of counts coloured by size (a cross-tab, a migration matrix, an R×F grid). Clicking a cell
 * calls the listener with its row and column. For scheme UI bundles too.
 */
public class HeatMap extends Canvas {

    private static final int LABEL_W = 150;
    private static final int HEAD_H = 40;

    private List<String> rows = List.of();
    private List<String> columns = List.of();
    private long[][] counts = new long[0][0];
    private BiConsumer<Integer, Integer> onClick = (r, c) -> { };
    private int selRow = -1;
    private int selCol = -1;

    public HeatMap(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.MouseDown, e -> {
            int[] cell = cellAt(e.x, e.y);
            if (cell != null) {
                selRow = cell[0];
                selCol = cell[1];
                redraw();
                onClick.accept(cell[0], cell[1]);
            }
        });
    }

    /** Sets the labels and counts ({@code counts[row][column]}). */
    public void setData(List<String> rowLabels, List<String> columnLabels, long[][] values) {
        rows = rowLabels;
        columns = columnLabels;
        counts = values;
        selRow = selCol = -1;
        redraw();
    }

    public void onCellClick(BiConsumer<Integer, Integer> listener) {
        onClick = listener;
    }

    /** Selects a cell as a click does. */
    public void click(int row, int column) {
        selRow = row;
        selCol = column;
        redraw();
        onClick.accept(row, column);
    }

    public int rowCount() {
        return rows.size();
    }

    public int columnCount() {
        return columns.size();
    }

    public long count(int row, int column) {
        return counts[row][column];
    }

    private int cellW() {
        return columns.isEmpty() ? 0 : Math.max(40, (getClientArea().width - LABEL_W) / columns.size());
    }

    private int cellH() {
        return rows.isEmpty() ? 0 : Math.max(18, Math.min(40, (getClientArea().height - HEAD_H) / rows.size()));
    }

    private int[] cellAt(int x, int y) {
        if (x < LABEL_W || y < HEAD_H || cellW() == 0 || cellH() == 0) {
            return null;
        }
        int c = (x - LABEL_W) / cellW();
        int r = (y - HEAD_H) / cellH();
        return r < rows.size() && c < columns.size() ? new int[] {r, c} : null;
    }

    private void paint(GC gc) {
        long max = 1;
        for (long[] row : counts) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        int w = cellW();
        int h = cellH();
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        for (int c = 0; c < columns.size(); c++) {
            String label = columns.get(c);
            Point ext = gc.textExtent(label);
            while (ext.x > w - 4 && label.length() > 3) {
                label = label.substring(0, label.length() - 2);
                ext = gc.textExtent(label + "…");
            }
            gc.drawText(label.equals(columns.get(c)) ? label : label + "…", LABEL_W + c * w + 2, HEAD_H - ext.y - 4, true);
        }
        for (int r = 0; r < rows.size(); r++) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
            gc.drawText(rows.get(r), 4, HEAD_H + r * h + (h - gc.getFontMetrics().getHeight()) / 2, true);
            for (int c = 0; c < columns.size(); c++) {
                long v = r < counts.length && c < counts[r].length ? counts[r][c] : 0;
                double t = v == 0 ? 0 : 0.12 + 0.88 * Math.sqrt((double) v / max);
                RGB rgb = new RGB((int) (255 - t * (255 - 33)), (int) (255 - t * (255 - 102)), (int) (255 - t * (255 - 172)));
                Color col = new Color(rgb);
                gc.setBackground(col);
                gc.fillRectangle(LABEL_W + c * w, HEAD_H + r * h, w - 1, h - 1);
                gc.setForeground(SchemeUi.textOn(col));
                String s = String.format("%,d", v);
                Point ext = gc.textExtent(s);
                gc.drawText(s, LABEL_W + c * w + (w - ext.x) / 2, HEAD_H + r * h + (h - ext.y) / 2, true);
                if (r == selRow && c == selCol) {
                    gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
                    gc.setLineWidth(2);
                    gc.drawRectangle(LABEL_W + c * w, HEAD_H + r * h, w - 2, h - 2);
                    gc.setLineWidth(1);
                }
            }
        }
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? LABEL_W + 80 * Math.max(1, columns.size()) : wHint,
                hHint == SWT.DEFAULT ? HEAD_H + 26 * Math.max(1, rows.size()) : hHint);
    }
}
