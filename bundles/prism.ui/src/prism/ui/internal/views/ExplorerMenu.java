package prism.ui.internal.views;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;

import prism.core.scheme.ClassificationScheme;
import prism.store.ExplorerQuery;

/** The Customer Explorer's right-click menu and the text and CSV forms of a selection of its rows. */
final class ExplorerMenu {

    private ExplorerMenu() {
    }

    /** Right-click on {@code table}: open the selected customers, copy them as text, export them as CSV. */
    static void install(Table table, Supplier<List<ExplorerQuery.Row>> selected, Supplier<List<ClassificationScheme>> columns,
            Consumer<ExplorerQuery.Row> open) {
        org.eclipse.swt.widgets.Menu menu = new org.eclipse.swt.widgets.Menu(table);
        org.eclipse.swt.widgets.MenuItem openItem = new org.eclipse.swt.widgets.MenuItem(menu, SWT.PUSH);
        openItem.setText("Open");
        openItem.addListener(SWT.Selection, e -> selected.get().stream().limit(20).forEach(open));
        org.eclipse.swt.widgets.MenuItem copy = new org.eclipse.swt.widgets.MenuItem(menu, SWT.PUSH);
        copy.setText("Copy");
        copy.addListener(SWT.Selection, e -> {
            String text = text(selected.get(), columns.get(), "\t");
            if (!text.isEmpty()) {
                org.eclipse.swt.dnd.Clipboard cb = new org.eclipse.swt.dnd.Clipboard(table.getDisplay());
                cb.setContents(new Object[] {text}, new org.eclipse.swt.dnd.Transfer[] {org.eclipse.swt.dnd.TextTransfer.getInstance()});
                cb.dispose();
            }
        });
        org.eclipse.swt.widgets.MenuItem export = new org.eclipse.swt.widgets.MenuItem(menu, SWT.PUSH);
        export.setText("Export Selection as CSV…");
        export.addListener(SWT.Selection, e -> {
            org.eclipse.swt.widgets.FileDialog d = new org.eclipse.swt.widgets.FileDialog(table.getShell(), SWT.SAVE);
            d.setFilterExtensions(new String[] {"*.csv"});
            d.setFileName("customers.csv");
            d.setOverwrite(true);
            String path = d.open();
            if (path != null) {
                try {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(path), csv(selected.get(), columns.get()), java.nio.charset.StandardCharsets.UTF_8);
                    org.eclipse.jface.dialogs.MessageDialog.openInformation(table.getShell(), "Export",
                            String.format("%,d customers written to %s.", selected.get().size(), path));
                } catch (java.io.IOException x) {
                    org.eclipse.jface.dialogs.MessageDialog.openError(table.getShell(), "Export", "Cannot write " + path + ": " + x.getMessage());
                }
            }
        });
        menu.addListener(SWT.Show, e -> {
            boolean any = !selected.get().isEmpty();
            openItem.setEnabled(any);
            copy.setEnabled(any);
            export.setEnabled(any);
        });
        table.setMenu(menu);
    }

    /** The selection as lines of id, name, kind, country and each scheme's class label. */
    static String text(List<ExplorerQuery.Row> rows, List<ClassificationScheme> columns, String separator) {
        StringBuilder sb = new StringBuilder();
        for (ExplorerQuery.Row r : rows) {
            sb.append(String.join(separator, cells(r, columns).stream().map(c -> c == null ? "" : c).toList())).append('\n');
        }
        return sb.toString();
    }

    /** The selection as CSV: a header of column names, a row per customer with class labels, quoted as RFC 4180 asks. */
    static String csv(List<ExplorerQuery.Row> rows, List<ClassificationScheme> columns) {
        return csv(rows, columns, true);
    }

    /** As {@link #csv(List, List)}, the header left out unless {@code header}. */
    static String csv(List<ExplorerQuery.Row> rows, List<ClassificationScheme> columns, boolean header) {
        StringBuilder sb = new StringBuilder();
        try (org.apache.commons.csv.CSVPrinter p = new org.apache.commons.csv.CSVPrinter(sb, org.apache.commons.csv.CSVFormat.RFC4180)) {
            if (header) {
                List<String> head = new ArrayList<>(List.of("id", "name", "kind", "country"));
                columns.forEach(c -> head.add(c.name()));
                p.printRecord(head.stream().map(ExplorerMenu::cell).toList());
            }
            for (ExplorerQuery.Row r : rows) {
                p.printRecord(cells(r, columns).stream().map(ExplorerMenu::cell).toList());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringBuilder does not fail
        }
        return sb.toString();
    }

    private static List<String> cells(ExplorerQuery.Row r, List<ClassificationScheme> columns) {
        List<String> cells = new ArrayList<>(java.util.Arrays.asList(r.id(), r.name(), r.kind(), r.country()));
        for (int i = 0; i < columns.size() && i < r.classes().size(); i++) {
            cells.add(r.classes().get(i) == null ? "" : Labels.of(columns.get(i), r.classes().get(i)));
        }
        return cells;
    }

    /** A value a spreadsheet would read as a formula (=, +, -, @ first) is kept as text by a leading quote. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        return !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }

}
