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
 * A grid of counts coloured by size (a cross-tab, a migration matrix, an R×F grid), with row and column
 * totals, each cell's share of all where it fits and in full in its tooltip. Clicking a cell calls the
 * listener with its row and column. For scheme UI bundles too.
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
    private List<String> rowIds = List.of();
    private List<String> columnIds = List.of();
    private String message;

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
        addListener(SWT.MouseMove, e -> {
            int[] cell = cellAt(e.x, e.y);
            String tip = cell == null ? null : tooltip(cell[0], cell[1]);
            if (!java.util.Objects.equals(tip, getToolTipText())) {
                setToolTipText(tip);
            }
        });
    }

    /** Sets the labels and counts ({@code counts[row][column]}). */
    public void setData(List<String> rowLabels, List<String> columnLabels, long[][] values) {
        setData(rowLabels, columnLabels, rowLabels, columnLabels, values);
    }

    /**
     * Sets the labels shown, the ids the tooltips name beside them, and the counts ({@code counts[row][column]}).
     *
     * @since 1.1
     */
    public void setData(List<String> rowLabels, List<String> columnLabels, List<String> rowIds, List<String> columnIds, long[][] values) {
        rows = rowLabels;
        columns = columnLabels;
        this.rowIds = rowIds;
        this.columnIds = columnIds;
        counts = values;
        message = null;
        selRow = selCol = -1;
        setToolTipText(null);
        redraw();
    }

    /**
     * Shows a message in place of the grid (work in progress, nothing to show) until the next data.
     *
     * @since 1.1
     */
    public void setMessage(String text) {
        message = text;
        rows = List.of();
        columns = List.of();
        counts = new long[0][0];
        selRow = selCol = -1;
        setToolTipText(null);
        redraw();
    }

    /** The message shown in place of the grid, or null. */
    public String message() {
        return message;
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
        return row < counts.length && column < counts[row].length ? counts[row][column] : 0;
    }

    /** The label shown for a row. */
    public String rowLabel(int row) {
        return rows.get(row);
    }

    public String columnLabel(int column) {
        return columns.get(column);
    }

    private int cellW() {
        return columns.isEmpty() ? 0 : Math.max(40, (getClientArea().width - LABEL_W) / (columns.size() + 1));
    }

    private int cellH() {
        return rows.isEmpty() ? 0 : Math.max(18, Math.min(40, (getClientArea().height - HEAD_H) / (rows.size() + 1)));
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
        if (message != null) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
            Point ext = gc.textExtent(message);
            gc.drawText(message, Math.max(4, (getClientArea().width - ext.x) / 2), Math.max(4, (getClientArea().height - ext.y) / 2), true);
            return;
        }
        long max = 1;
        for (long[] row : counts) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        long total = total();
        int w = cellW();
        int h = cellH();
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        for (int c = 0; c <= columns.size() && !columns.isEmpty(); c++) {
            drawFitted(gc, c == columns.size() ? "Total" : columns.get(c), LABEL_W + c * w + 2, HEAD_H - gc.getFontMetrics().getHeight() - 4, w - 4);
        }
        Color totals = getDisplay().getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW);
        for (int r = 0; r <= rows.size() && !rows.isEmpty(); r++) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
            drawFitted(gc, r == rows.size() ? "Total" : rows.get(r), 4, HEAD_H + r * h + (h - gc.getFontMetrics().getHeight()) / 2, LABEL_W - 8);
            for (int c = 0; c <= columns.size(); c++) {
                boolean sum = r == rows.size() || c == columns.size();
                long v = sum ? (r == rows.size() && c == columns.size() ? total : r == rows.size() ? columnTotal(c) : rowTotal(r)) : count(r, c);
                Color col;
                if (sum) {
                    col = totals;
                } else {
                    double t = v == 0 ? 0 : 0.12 + 0.88 * Math.sqrt((double) v / max);
                    col = new Color(new RGB((int) (255 - t * (255 - 33)), (int) (255 - t * (255 - 102)), (int) (255 - t * (255 - 172))));
                }
                gc.setBackground(col);
                gc.fillRectangle(LABEL_W + c * w, HEAD_H + r * h, w - 1, h - 1);
                gc.setForeground(SchemeUi.textOn(col));
                String s = String.format("%,d", v);
                String pct = total == 0 ? "" : String.format(" (%.1f %%)", 100.0 * v / total);
                if (gc.textExtent(s + pct).x <= w - 4) {
                    s += pct; // the share of all customers, where it fits
                }
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

    /** Draws the label, cut with an ellipsis to the width (the tooltip has it in full). */
    private static void drawFitted(GC gc, String label, int x, int y, int width) {
        String shown = label;
        int keep = label.length();
        while (gc.textExtent(shown).x > width && keep > 1) {
            shown = label.substring(0, --keep) + "…";
        }
        gc.drawText(shown, x, y, true);
    }

    /** All customers of the grid. */
    public long total() {
        long t = 0;
        for (int r = 0; r < rows.size(); r++) {
            t += rowTotal(r);
        }
        return t;
    }

    public long rowTotal(int row) {
        long t = 0;
        for (int c = 0; c < columns.size(); c++) {
            t += count(row, c);
        }
        return t;
    }

    public long columnTotal(int column) {
        long t = 0;
        for (int r = 0; r < rows.size(); r++) {
            t += count(r, column);
        }
        return t;
    }

    /** What a cell's tooltip says: its classes, count, and its share of all, of its row and of its column. */
    public String tooltip(int r, int c) {
        long v = count(r, c);
        long all = total();
        long row = rowTotal(r);
        long col = columnTotal(c);
        return String.format("%s × %s%n%,d customers%n%.1f %% of all %,d%n%.1f %% of %s (%,d)%n%.1f %% of %s (%,d)",
                rowTip(r), columnTip(c), v, pct(v, all), all, pct(v, row), rows.get(r), row, pct(v, col), columns.get(c), col);
    }

    private String rowTip(int r) {
        return rows.get(r) + (r < rowIds.size() && !rowIds.get(r).equals(rows.get(r)) ? " [" + rowIds.get(r) + "]" : "");
    }

    private String columnTip(int c) {
        return columns.get(c) + (c < columnIds.size() && !columnIds.get(c).equals(columns.get(c)) ? " [" + columnIds.get(c) + "]" : "");
    }

    private static double pct(long v, long of) {
        return of == 0 ? 0 : 100.0 * v / of;
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? LABEL_W + 80 * (columns.size() + 1) : wHint,
                hHint == SWT.DEFAULT ? HEAD_H + 26 * (rows.size() + 1) : hHint);
    }
}
