package prism.rules.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;

import prism.rules.RuleDocument;
import prism.rules.RuleException;
import prism.store.RuleDocuments;
import prism.ui.PrismUI;
import prism.ui.ViewJobs;
import prism.ui.WorkbenchData;

/**
 * The open database's rule schemes with their latest version: New, Open (double-click), Import and Export
 * of the JSON documents a team shares, and Delete (past runs keep their results).
 */
public final class RuleSchemesView extends ViewPart {

    public static final String ID = "prism.rules.ui.view";
    /** What a new scheme starts as. */
    static final String NEW = """
            { "id": "rules.new", "name": "New rule scheme",
              "classes": [
                { "id": "repeat", "label": "Repeat buyers", "when": "orders >= 2" },
                { "id": "other", "label": "Everyone else", "when": "true" } ] }
            """;

    private TableViewer table;
    private Label status;
    private ViewJobs jobs;
    private List<RuleDocuments.Stored> shown = List.of();
    private final Consumer<WorkbenchData.Change> follow = c -> {
        if (c == WorkbenchData.Change.SCHEMES || c == WorkbenchData.Change.DATABASE) {
            refresh();
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        jobs = new ViewJobs(this);
        parent.setLayout(new GridLayout(1, false));
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        table = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Id", 160, s -> s.id());
        column("Name", 200, s -> nameOf(s));
        column("Version", 70, s -> Integer.toString(s.version()));
        column("Saved", 150, s -> s.savedAt() == null ? "" : s.savedAt().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        table.addDoubleClickListener(e -> open(selected()));
        IToolBarManager bar = getViewSite().getActionBars().getToolBarManager();
        bar.add(action("New", () -> openEditor(RuleSchemeInput.draft(NEW))));
        bar.add(action("Import…", this::importFile));
        bar.add(action("Export…", this::exportFile));
        bar.add(action("Delete", this::delete));
        WorkbenchData.get().addListener(follow);
        refresh();
    }

    public void refresh() {
        jobs.run("list", "Reading the rule schemes", monitor -> WorkbenchData.get().store().ruleDocuments().latest(), list -> {
            shown = list;
            table.setInput(list);
            status.setText(list.isEmpty() ? "No rule schemes yet: New writes one, Import reads a JSON document."
                    : list.size() + " rule scheme" + (list.size() == 1 ? "" : "s") + "; double-click to edit");
        });
    }

    /** The rows as shown: id, name, version. */
    public List<String[]> rows() {
        return shown.stream().map(s -> new String[] {s.id(), nameOf(s), Integer.toString(s.version())}).toList();
    }

    public boolean isBusy() {
        return jobs.isBusy("list");
    }

    /** Opens a stored scheme in its editor. */
    public RuleSchemeEditor open(String id) {
        return id == null ? null : openEditor(RuleSchemeInput.stored(id));
    }

    /** Reads a JSON document, checks it, and stores it as a new version of its id. */
    public String importDocument(Path file) throws IOException, RuleException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        RuleDocument d = RuleDocument.parse(file.toString(), text);
        WorkbenchData data = WorkbenchData.get();
        data.store().ruleDocuments().save(d.id(), text);
        data.reloadRuleSchemes();
        refresh();
        return d.id();
    }

    private void importFile() {
        FileDialog d = new FileDialog(getSite().getShell(), SWT.OPEN);
        d.setFilterExtensions(new String[] {"*.json", "*"});
        String path = d.open();
        if (path != null) {
            try {
                importDocument(Path.of(path));
            } catch (RuleException e) {
                MessageDialog.openError(getSite().getShell(), "Import rule scheme", e.getMessage());
            } catch (IOException | RuntimeException e) {
                PrismUI.log("cannot import " + path, e);
                MessageDialog.openError(getSite().getShell(), "Import rule scheme", "Cannot read " + path + ": " + e.getMessage());
            }
        }
    }

    private void exportFile() {
        String id = selected();
        if (id == null) {
            return;
        }
        FileDialog d = new FileDialog(getSite().getShell(), SWT.SAVE);
        d.setFileName(id + ".json");
        d.setOverwrite(true);
        String path = d.open();
        if (path != null) {
            try {
                Files.writeString(Path.of(path), WorkbenchData.get().store().ruleDocuments().latest(id).orElseThrow().document(),
                        StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                PrismUI.log("cannot export " + id, e);
                MessageDialog.openError(getSite().getShell(), "Export rule scheme", "Cannot write " + path + ": " + e.getMessage());
            }
        }
    }

    private void delete() {
        String id = selected();
        if (id != null && MessageDialog.openConfirm(getSite().getShell(), "Delete rule scheme",
                "Delete " + id + "? Past runs keep its results, marked as not installed.")) {
            WorkbenchData data = WorkbenchData.get();
            data.store().ruleDocuments().remove(id);
            data.reloadRuleSchemes();
            refresh();
        }
    }

    private RuleSchemeEditor openEditor(RuleSchemeInput input) {
        try {
            return (RuleSchemeEditor) getSite().getPage().openEditor(input, RuleSchemeEditor.ID);
        } catch (PartInitException e) {
            PrismUI.log("cannot open the rule scheme editor", e);
            return null;
        }
    }

    /** Opens the editor on a new scheme. */
    public RuleSchemeEditor newScheme() {
        return openEditor(RuleSchemeInput.draft(NEW));
    }

    private String selected() {
        Object o = table.getStructuredSelection().getFirstElement();
        return o instanceof RuleDocuments.Stored s ? s.id() : null;
    }

    private static String nameOf(RuleDocuments.Stored s) {
        try {
            return RuleDocument.parse(s.id(), s.document()).name();
        } catch (RuleException e) {
            return "⚠ " + e.problem();
        }
    }

    private void column(String title, int width, java.util.function.Function<RuleDocuments.Stored, String> text) {
        Columns.add(table, title, width, text, null);
    }

    private static Action action(String text, Runnable run) {
        return new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
    }

    @Override
    public void setFocus() {
        table.getTable().setFocus();
    }

    @Override
    public void dispose() {
        WorkbenchData.get().removeListener(follow);
        jobs.dispose();
        super.dispose();
    }
}
