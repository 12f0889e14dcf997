package prism.ui.internal.views;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuCreator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

import prism.core.scheme.ClassificationScheme;
import prism.store.ExplorerQuery;
import prism.store.SavedView;
import prism.store.StoreQueries;
import prism.ui.PrismJob;
import prism.ui.PrismUI;
import prism.ui.WorkbenchData;

/**
 * The explorer's saved views (search, class filters and sort under a name, kept in the database so a team
 * shares them) and the export of its current view as a wide CSV file: a row per customer with its name and
 * a column per scheme with the class label.
 */
final class ExplorerViews {

    private static final int EXPORT_PAGE = 10_000;

    private final CustomerExplorerView explorer;

    ExplorerViews(CustomerExplorerView explorer) {
        this.explorer = explorer;
    }

    /** The view's toolbar: Save View…, the saved views to choose from, Export View as CSV…. */
    void contribute(org.eclipse.jface.action.IToolBarManager bar) {
        bar.add(new Action("Save View…") {
            @Override
            public void run() {
                InputDialog d = new InputDialog(explorer.getSite().getShell(), "Save View",
                        "A name for this search, filter and sort (everyone using this database will see it):", "", name -> name.isBlank()
                                ? "Give it a name." : name.trim().length() > 128 ? "At most 128 characters." : null);
                if (d.open() == Window.OK) {
                    save(d.getValue().trim());
                }
            }
        });
        Action views = new Action("Saved Views", IAction.AS_DROP_DOWN_MENU) {
            @Override
            public void run() {
                // the menu is the point: a click on the button opens it too
            }
        };
        views.setMenuCreator(new IMenuCreator() {
            private Menu menu;

            @Override
            public Menu getMenu(Control parent) {
                dispose();
                menu = new Menu(parent);
                fill(menu);
                return menu;
            }

            @Override
            public Menu getMenu(Menu parent) {
                return null;
            }

            @Override
            public void dispose() {
                if (menu != null) {
                    menu.dispose();
                    menu = null;
                }
            }
        });
        bar.add(views);
        bar.add(new Action("Export View as CSV…") {
            @Override
            public void run() {
                FileDialog d = new FileDialog(explorer.getSite().getShell(), SWT.SAVE);
                d.setFilterExtensions(new String[] {"*.csv"});
                d.setFileName("customers-view.csv");
                d.setOverwrite(true);
                String f = d.open();
                if (f != null) {
                    exportJob(Path.of(f), true).schedule();
                }
            }
        });
    }

    private void fill(Menu menu) {
        List<SavedView> saved;
        try {
            saved = WorkbenchData.get().store().savedViews();
        } catch (RuntimeException e) {
            PrismUI.log("cannot read the saved views", e);
            saved = List.of();
        }
        if (saved.isEmpty()) {
            MenuItem none = new MenuItem(menu, SWT.PUSH);
            none.setText("No saved views yet: Save View… keeps the current one");
            none.setEnabled(false);
        }
        for (SavedView v : saved) {
            MenuItem item = new MenuItem(menu, SWT.PUSH);
            item.setText(v.name());
            item.addListener(SWT.Selection, e -> explorer.apply(v));
        }
        if (!saved.isEmpty()) {
            new MenuItem(menu, SWT.SEPARATOR);
            MenuItem delete = new MenuItem(menu, SWT.CASCADE);
            delete.setText("Delete");
            Menu sub = new Menu(delete);
            delete.setMenu(sub);
            for (SavedView v : saved) {
                MenuItem item = new MenuItem(sub, SWT.PUSH);
                item.setText(v.name());
                item.addListener(SWT.Selection, e -> {
                    if (MessageDialog.openConfirm(explorer.getSite().getShell(), "Delete View",
                            "Delete the saved view '" + v.name() + "' for everyone using this database?")) {
                        WorkbenchData.get().store().deleteView(v.name());
                    }
                });
            }
        }
    }

    /** Saves the explorer's current search, filters and sort under the name. */
    void save(String name) {
        ExplorerQuery q = explorer.currentQuery();
        WorkbenchData.get().store().saveView(new SavedView(name, q.text(), q.classFilter(), q.sortKey(), q.ascending(), null));
    }

    /**
     * A job writing every customer of the current view to {@code file}, in its order, page by page with
     * progress and Cancel; beside the file first and moved into place, so a cancelled export leaves an earlier
     * file as it was. {@code confirm}: say so in a dialog when done.
     */
    PrismJob exportJob(Path file, boolean confirm) {
        ExplorerQuery q = explorer.currentQuery();
        List<ClassificationScheme> schemes = new ArrayList<>(explorer.schemeColumns());
        return PrismJob.of("Exporting the explorer's view", m -> {
            long n = write(q, schemes, file, m);
            if (confirm) {
                Display.getDefault().asyncExec(() -> MessageDialog.openInformation(explorer.getSite().getShell(), "Export",
                        String.format("%,d customers written to %s.", n, file)));
            }
        });
    }

    static long write(ExplorerQuery q, List<ClassificationScheme> schemes, Path file, IProgressMonitor monitor) throws IOException {
        StoreQueries queries = WorkbenchData.get().store().queries();
        long total = queries.count(q);
        SubMonitor sub = SubMonitor.convert(monitor, String.format("Exporting %,d customers", total), (int) Math.min(Integer.MAX_VALUE, total));
        Path part = file.resolveSibling(file.getFileName() + ".part");
        long written = 0;
        try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            w.write(ExplorerMenu.csv(List.of(), schemes, true)); // the header alone
            for (long offset = 0; offset < total; offset += EXPORT_PAGE) {
                if (sub.isCanceled()) {
                    throw new OperationCanceledException();
                }
                List<ExplorerQuery.Row> rows = queries.page(q, offset, EXPORT_PAGE, total);
                w.write(ExplorerMenu.csv(rows, schemes, false));
                written += rows.size();
                sub.worked(rows.size());
                sub.subTask(String.format("%,d of %,d customers", written, total));
                if (rows.isEmpty()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return written;
    }
}
