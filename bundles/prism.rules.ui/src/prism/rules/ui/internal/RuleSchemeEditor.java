package prism.rules.ui.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.ColorDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

import prism.rules.Condition;
import prism.rules.RuleDocument;
import prism.rules.RuleException;
import prism.store.RunInfo;
import prism.ui.PrismJob;
import prism.ui.ViewJobs;
import prism.ui.WorkbenchData;
import prism.ui.internal.Operations;

/**
 * A rule scheme as its classes, one row each (label, colour, condition, strategy, and what the draft would
 * do: customers, and moves in and out against the stored version), with the selected class below: its
 * condition as text, errors underlined where they are, and as pickers, the two kept in step. Counting runs
 * in a background job a moment after each edit.
 * <p>
 * Over 500 lines because the master table, the details and the save/count flow share one draft model and
 * its syncing flag; the pickers, counting and columns are already classes of their own. The next split is
 * the details pane into its own class.
 */
public final class RuleSchemeEditor extends EditorPart {

    public static final String ID = "prism.rules.ui.editor";
    /** How long after the last keystroke the counts start. */
    public static final int COUNT_DELAY_MS = 150;
    private static final String[] PALETTE = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"};

    /** A class as edited. */
    static final class Row {
        String id = "";
        String label = "";
        String colour;
        String when = "true";
        String description;
        String strategy;
        Double contacts;
        String problem; // why the row cannot be counted or saved, or null
        int errorLine, errorColumn;
    }

    private final List<Row> rows = new ArrayList<>();
    private final LiveCounts live = new LiveCounts();
    private RuleDocument stored;
    private String schemeId;
    private boolean dirty, loaded, syncing;
    private LiveCounts.Result counts;
    private long countsAsked, countsShown;
    private ViewJobs jobs;

    private Text idText, nameText, descriptionText, classId, label, contacts, strategy, classDescription;
    private Label message, countsLine, conditionError;
    private Button colour;
    private TableViewer table;
    private StyledText condition;
    private ConditionPickers pickers;
    private Row selected;
    private String name, description;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof RuleSchemeInput)) {
            throw new PartInitException("not a rule scheme: " + input);
        }
        setSite(site);
        setInput(input);
        setPartName(input.getName());
    }

    RuleSchemeInput input() {
        return (RuleSchemeInput) getEditorInput();
    }

    @Override
    public void createPartControl(Composite parent) {
        jobs = new ViewJobs(this);
        Composite all = new Composite(parent, SWT.NONE);
        all.setLayout(new GridLayout(1, false));
        header(all);
        SashForm sash = new SashForm(all, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        classesTable(sash);
        details(sash);
        sash.setWeights(2, 3);
        load();
    }

    private void header(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayout(new GridLayout(6, false));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        button(bar, "Save", () -> doSave(null));
        button(bar, "Save as new scheme…", this::askSaveAs);
        button(bar, "Revert", this::revert);
        button(bar, "Delete…", () -> {
            if (schemeId != null && MessageDialog.openConfirm(getSite().getShell(), "Delete rule scheme",
                    "Delete " + schemeId + "? Past runs keep its results, marked as not installed.")) {
                delete();
            }
        });
        button(bar, "Classify", this::classify);
        countsLine = new Label(bar, SWT.NONE);
        countsLine.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Composite fields = new Composite(parent, SWT.NONE);
        fields.setLayout(new GridLayout(6, false));
        fields.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        idText = field(fields, "Id", 180);
        idText.setMessage("rules.…");
        nameText = field(fields, "Name", 180);
        descriptionText = field(fields, "Description", SWT.DEFAULT);
        ((GridData) descriptionText.getLayoutData()).grabExcessHorizontalSpace = true;
        idText.addListener(SWT.Modify, e -> edited(() -> schemeId = idText.getText().trim()));
        nameText.addListener(SWT.Modify, e -> edited(() -> name = nameText.getText()));
        descriptionText.addListener(SWT.Modify, e -> edited(() -> description = descriptionText.getText()));
        message = new Label(parent, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        message.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
    }

    private void classesTable(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        box.setLayout(new GridLayout(2, false));
        table = new TableViewer(box, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Label", 130, r -> r.label.isEmpty() ? r.id : r.label, null);
        column("Colour", 70, r -> r.colour == null ? "" : r.colour, r -> r.colour);
        column("Condition", 320, r -> r.problem != null ? "⚠ " + r.when : r.when, null);
        column("Strategy", 200, r -> r.strategy == null ? "" : r.strategy, null);
        column("Customers", 110, this::countText, null);
        column("Moves vs saved", 120, this::movesText, null);
        table.addSelectionChangedListener(e -> select((Row) table.getStructuredSelection().getFirstElement()));
        Composite buttons = new Composite(box, SWT.NONE);
        buttons.setLayout(new GridLayout(1, true));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        button(buttons, "Add class", () -> addClass("class" + (rows.size() + 1), "Class " + (rows.size() + 1), "true"));
        button(buttons, "Remove", () -> {
            if (selected != null) {
                rows.remove(selected);
                selected = null;
                changed(true);
            }
        });
        button(buttons, "Up", () -> move(-1));
        button(buttons, "Down", () -> move(1));
    }

    private void details(Composite parent) {
        ScrolledComposite scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        Composite d = new Composite(scroll, SWT.NONE);
        scroll.setContent(d);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        d.setLayout(new GridLayout(6, false));
        classId = field(d, "Class id", 120);
        label = field(d, "Label", 160);
        new Label(d, SWT.NONE).setText("Colour");
        colour = new Button(d, SWT.PUSH);
        colour.setText("        ");
        colour.addListener(SWT.Selection, e -> {
            ColorDialog dialog = new ColorDialog(getSite().getShell());
            RGB rgb = dialog.open();
            if (rgb != null && selected != null) {
                setColour(String.format(Locale.ROOT, "#%02x%02x%02x", rgb.red, rgb.green, rgb.blue));
            }
        });
        new Label(d, SWT.NONE).setText("Condition");
        condition = new StyledText(d, SWT.BORDER | SWT.MULTI | SWT.WRAP);
        condition.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 5, 1));
        ((GridData) condition.getLayoutData()).heightHint = 48;
        condition.setFont(org.eclipse.jface.resource.JFaceResources.getTextFont());
        new Label(d, SWT.NONE);
        conditionError = new Label(d, SWT.WRAP);
        conditionError.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 5, 1));
        conditionError.setForeground(d.getDisplay().getSystemColor(SWT.COLOR_RED));
        new Label(d, SWT.NONE).setText("As pickers");
        pickers = new ConditionPickers(d, this::pickersChanged);
        pickers.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 5, 1));
        strategy = field(d, "Strategy", SWT.DEFAULT);
        ((GridData) strategy.getLayoutData()).horizontalSpan = 5;
        classDescription = field(d, "Meaning", SWT.DEFAULT);
        ((GridData) classDescription.getLayoutData()).horizontalSpan = 3;
        contacts = field(d, "Contacts a year", 60);
        classId.addListener(SWT.Modify, e -> rowEdited(r -> r.id = classId.getText().trim()));
        label.addListener(SWT.Modify, e -> rowEdited(r -> r.label = label.getText().trim()));
        strategy.addListener(SWT.Modify, e -> rowEdited(r -> r.strategy = blank(strategy.getText())));
        classDescription.addListener(SWT.Modify, e -> rowEdited(r -> r.description = blank(classDescription.getText())));
        contacts.addListener(SWT.Modify, e -> rowEdited(r -> {
            try {
                r.contacts = contacts.getText().isBlank() ? null : Double.valueOf(contacts.getText().trim());
            } catch (NumberFormatException bad) {
                r.contacts = null;
            }
        }));
        condition.addListener(SWT.Modify, e -> rowEdited(r -> {
            r.when = condition.getText();
            if (!syncing) {
                showPickersOf(r.when);
            }
        }));
        enableDetails(false);
        scroll.setMinSize(d.computeSize(SWT.DEFAULT, SWT.DEFAULT));
    }

    // ---- loading and the model

    private void load() {
        String id = input().id();
        String template = input().template();
        jobs.run("load", "Reading rule scheme " + input().getName(), monitor -> {
            if (id == null) {
                return RuleDocument.parse("new rule scheme", template);
            }
            var s = WorkbenchData.get().store().ruleDocuments().latest(id)
                    .orElseThrow(() -> new IllegalStateException("the database has no rule scheme " + id));
            return RuleDocument.parse(id, s.document()).withVersion(s.version());
        }, doc -> {
            stored = id == null ? null : doc;
            fill(doc);
            loaded = true;
        });
    }

    private void fill(RuleDocument doc) {
        syncing = true;
        try {
            schemeId = doc.id();
            name = doc.name();
            description = doc.description();
            idText.setText(doc.id());
            idText.setEditable(input().id() == null);
            nameText.setText(doc.name() == null ? "" : doc.name());
            descriptionText.setText(doc.description() == null ? "" : doc.description());
        } finally {
            syncing = false;
        }
        rows.clear();
        for (RuleDocument.RuleClass c : doc.classes()) {
            Row r = new Row();
            r.id = c.id();
            r.label = c.label();
            r.colour = c.colour();
            r.when = c.when();
            r.description = c.description();
            r.strategy = c.strategy();
            r.contacts = c.contactsPerYear();
            rows.add(r);
        }
        selected = null;
        changed(false);
        if (!rows.isEmpty()) {
            table.setSelection(new org.eclipse.jface.viewers.StructuredSelection(rows.get(0)));
        }
    }

    private void changed(boolean edit) {
        if (edit && !dirty) {
            dirty = true;
            firePropertyChange(PROP_DIRTY);
        } else if (!edit && dirty) {
            dirty = false;
            firePropertyChange(PROP_DIRTY);
        }
        validate();
        if (table.getInput() != rows) {
            table.setInput(rows);
        } else {
            table.refresh();
        }
        scheduleCount();
    }

    private void edited(Runnable r) {
        if (!syncing) {
            r.run();
            changed(true);
        }
    }

    private void rowEdited(java.util.function.Consumer<Row> edit) {
        if (syncing || selected == null) {
            return;
        }
        edit.accept(selected);
        changed(true);
        if (selected != null) {
            showError(selected);
        }
    }

    /** Checks every row: the class ids and each condition. */
    private void validate() {
        Set<String> ids = new HashSet<>();
        for (Row r : rows) {
            r.problem = null;
            r.errorLine = r.errorColumn = 0;
            if (!RuleDocument.isClassId(r.id)) {
                r.problem = "a class id of lower-case letters, digits, _ and - (not \"none\"), found \"" + r.id + "\"";
            } else if (!ids.add(r.id)) {
                r.problem = "a class id not used before in this scheme: \"" + r.id + "\" is a duplicate";
            } else {
                try {
                    Condition.parse(r.when);
                } catch (RuleException e) {
                    r.problem = e.line() + ":" + e.column() + ": " + e.problem();
                    r.errorLine = e.line();
                    r.errorColumn = e.column();
                }
            }
        }
        String idProblem = RuleDocument.isSchemeId(schemeId) ? null
                : "Id: an id starting with \"rules.\" (lower-case letters, digits, _ . -), found \"" + schemeId + "\"";
        long bad = rows.stream().filter(r -> r.problem != null).count();
        message.setText(idProblem != null ? idProblem : bad == 0 ? "" : bad + " class" + (bad == 1 ? " has" : "es have")
                + " a problem (⚠): counted as holding for no one, and the scheme cannot be saved until fixed.");
        message.getParent().layout();
    }

    private void select(Row r) {
        selected = r;
        syncing = true;
        try {
            enableDetails(r != null);
            classId.setText(r == null ? "" : r.id);
            label.setText(r == null ? "" : r.label);
            strategy.setText(r == null || r.strategy == null ? "" : r.strategy);
            classDescription.setText(r == null || r.description == null ? "" : r.description);
            contacts.setText(r == null || r.contacts == null ? "" : format(r.contacts));
            condition.setText(r == null ? "" : r.when);
            swatch(r == null ? null : r.colour);
            if (r != null) {
                showPickersOf(r.when);
            }
        } finally {
            syncing = false;
        }
        if (r != null) {
            showError(r);
        }
    }

    private void showPickersOf(String when) {
        try {
            Condition c = Condition.parse(when);
            c.tree().ifPresentOrElse(pickers::show,
                    () -> pickers.unavailable("This condition is more than comparisons of a fact with a value joined by AND and OR:"
                            + " edit it as text."));
        } catch (RuleException e) {
            // keep the pickers as they were while the text is being typed
        }
    }

    private void pickersChanged() {
        if (selected == null) {
            return;
        }
        String text = Condition.text(pickers.tree());
        syncing = true;
        try {
            condition.setText(text);
        } finally {
            syncing = false;
        }
        selected.when = text;
        changed(true);
        showError(selected);
    }

    /** Underlines a condition's error where it is, and says what was expected. */
    private void showError(Row r) {
        condition.setStyleRanges(new StyleRange[0]);
        String problem = r.problem;
        conditionError.setText(problem == null ? "" : problem);
        if (problem != null && r.errorLine > 0) {
            int offset = offset(condition.getText(), r.errorLine, r.errorColumn);
            int end = offset;
            String t = condition.getText();
            while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
                end++;
            }
            StyleRange s = new StyleRange();
            s.start = Math.min(offset, Math.max(0, t.length() - 1));
            s.length = Math.max(1, Math.min(end, t.length()) - s.start);
            if (s.start + s.length <= t.length()) {
                s.underline = true;
                s.underlineStyle = SWT.UNDERLINE_SQUIGGLE;
                s.underlineColor = condition.getDisplay().getSystemColor(SWT.COLOR_RED);
                condition.setStyleRange(s);
            }
        }
        conditionError.getParent().layout();
    }

    static int offset(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < text.length(); offset++) {
            if (text.charAt(offset) == '\n') {
                l++;
            }
        }
        return Math.max(0, Math.min(text.length(), offset + column - 1));
    }

    // ---- counting

    private void scheduleCount() {
        long asked = ++countsAsked;
        Display.getCurrent().timerExec(COUNT_DELAY_MS, () -> {
            if (asked == countsAsked && !table.getTable().isDisposed()) {
                count(asked);
            }
        });
    }

    private void count(long asked) {
        List<RuleDocument.RuleClass> draft = new ArrayList<>();
        boolean[] usable = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            usable[i] = r.problem == null;
            draft.add(new RuleDocument.RuleClass(r.id, r.label, r.colour, r.when, r.description, r.strategy, r.contacts));
        }
        String id = RuleDocument.isSchemeId(schemeId) ? schemeId : "rules.draft";
        RuleDocument before = stored;
        countsLine.setText("Counting…");
        jobs.run("counts", "Counting the rule scheme's classes", monitor -> live.count(LiveCounts.population(monitor), id, draft,
                usable, before, monitor), result -> {
                    counts = result;
                    countsShown = asked;
                    countsLine.setText(String.format(Locale.ROOT, "%,d customers as of %s; counted in %.2f s", result.customers(),
                            result.asOf(), result.seconds()));
                    countsLine.getParent().layout();
                    table.refresh();
                });
    }

    private String countText(Row r) {
        int i = rows.indexOf(r);
        if (counts == null || i < 0 || i >= counts.counts().length - 1 || counts.counts().length != rows.size() + 1) {
            return "…";
        }
        if (r.problem != null) {
            return "—";
        }
        long n = counts.counts()[i];
        return String.format(Locale.ROOT, "%,d (%.1f%%)", n, counts.customers() == 0 ? 0 : 100.0 * n / counts.customers());
    }

    private String movesText(Row r) {
        int i = rows.indexOf(r);
        if (counts == null || i < 0 || counts.counts().length != rows.size() + 1) {
            return "";
        }
        return counts.moves() ? String.format(Locale.ROOT, "+%,d / −%,d", counts.in()[i], counts.out()[i]) : "new";
    }

    // ---- the buttons

    @Override
    public void doSave(IProgressMonitor monitor) {
        save(schemeId);
    }

    @Override
    public void doSaveAs() {
        askSaveAs();
    }

    private void askSaveAs() {
        InputDialog d = new InputDialog(getSite().getShell(), "Save as new rule scheme", "Id of the new scheme:",
                schemeId == null ? "rules." : schemeId + "-copy",
                s -> RuleDocument.isSchemeId(s) ? null : "an id starting with \"rules.\" (lower-case letters, digits, _ . -)");
        if (d.open() == Window.OK) {
            saveAs(d.getValue());
        }
    }

    /** Saves the draft as a new scheme of that id, which the editor then edits. */
    public boolean saveAs(String newId) {
        if (WorkbenchData.get().store().ruleDocuments().latest(newId).isPresent()) {
            message.setText("Cannot save: a rule scheme " + newId + " exists already; open it to change it.");
            return false;
        }
        stored = null;
        schemeId = newId;
        syncing = true;
        idText.setText(newId);
        syncing = false;
        return save(newId);
    }

    /** Stores the draft as a new version and installs it; false (and why, in the editor) when it cannot be. */
    public boolean save(String id) {
        validate();
        if (!RuleDocument.isSchemeId(id)) {
            message.setText("Cannot save: an id starting with \"rules.\" (lower-case letters, digits, _ . -), found \"" + id + "\"");
            return false;
        }
        if (rows.isEmpty() || rows.stream().anyMatch(r -> r.problem != null)) {
            message.setText("Cannot save: " + (rows.isEmpty() ? "a rule scheme needs a class" : "fix the classes marked ⚠ first"));
            return false;
        }
        List<RuleDocument.RuleClass> classes = rows.stream()
                .map(r -> new RuleDocument.RuleClass(r.id, r.label, r.colour, r.when, r.description, r.strategy, r.contacts)).toList();
        String json = RuleDocument.json(id, blank(name), blank(description), classes);
        try {
            RuleDocument.parse(id, json);
        } catch (RuleException e) {
            message.setText("Cannot save: " + e.getMessage());
            return false;
        }
        WorkbenchData data = WorkbenchData.get();
        var s = data.store().ruleDocuments().save(id, json);
        data.reloadRuleSchemes();
        try {
            stored = RuleDocument.parse(id, s.document()).withVersion(s.version());
        } catch (RuleException e) {
            throw new IllegalStateException("a saved document no longer reads", e);
        }
        input().saved(id);
        setPartName(id);
        idText.setEditable(false);
        message.setText("Saved as version " + s.version() + ".");
        changed(false);
        return true;
    }

    /** Back to the stored version (or the template of a new scheme). */
    public void revert() {
        if (stored != null) {
            fill(stored);
        } else {
            load();
        }
    }

    /** Removes the scheme from the database (past runs keep its results) and closes the editor. */
    public void delete() {
        if (input().id() != null) {
            WorkbenchData data = WorkbenchData.get();
            data.store().ruleDocuments().remove(input().id());
            data.reloadRuleSchemes();
        }
        dirty = false;
        getSite().getPage().closeEditor(this, false);
    }

    /** Saves when changed, then classifies every installed scheme, this one with them, as of the latest run's date. */
    public PrismJob classify() {
        if ((dirty || input().id() == null) && !save(schemeId)) {
            return null;
        }
        LocalDate asOf = WorkbenchData.get().latestRun().map(RunInfo::asOf).orElse(LocalDate.now());
        PrismJob job = PrismJob.of("Classifying with " + schemeId, monitor -> Operations.classify(asOf, Set.of(), monitor));
        job.setUser(true);
        job.schedule();
        return job;
    }

    // ---- for tests, as a user would see and do

    public boolean isLoaded() {
        return loaded;
    }

    /** Whether the counts shown are those of the draft as it is now. */
    public boolean countsUpToDate() {
        return counts != null && countsShown == countsAsked && !jobs.isBusy("counts");
    }

    /** The table as shown: label, colour, condition, strategy, customers, moves. */
    public List<String[]> tableRows() {
        List<String[]> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new String[] {r.label, r.colour, r.when, r.strategy == null ? "" : r.strategy, countText(r), movesText(r)});
        }
        return out;
    }

    public long count(int row) {
        return counts.counts()[row];
    }

    public long countNone() {
        return counts.counts()[rows.size()];
    }

    public long[] moves(int row) {
        return new long[] {counts.in()[row], counts.out()[row]};
    }

    public String message() {
        return message.getText();
    }

    public String conditionError() {
        return conditionError.getText();
    }

    /** The underlined range of the condition shown, or null. */
    public int[] underlined() {
        StyleRange[] s = condition.getStyleRanges();
        return s.length == 0 ? null : new int[] {s[0].start, s[0].length};
    }

    public ConditionPickers pickers() {
        return pickers;
    }

    public StyledText conditionText() {
        return condition;
    }

    public int version() {
        return stored == null ? 0 : stored.version();
    }

    /** Adds a class at the end and selects it. */
    public void addClass(String id, String label, String when) {
        Row r = new Row();
        r.id = id;
        r.label = label;
        r.when = when;
        r.colour = PALETTE[rows.size() % PALETTE.length];
        rows.add(r);
        changed(true);
        table.setSelection(new org.eclipse.jface.viewers.StructuredSelection(r));
    }

    public void selectRow(int i) {
        table.setSelection(new org.eclipse.jface.viewers.StructuredSelection(rows.get(i)));
    }

    public void setStrategy(String s) {
        strategy.setText(s);
    }

    public void setClassId(String id) {
        classId.setText(id);
    }

    public void setLabel(String l) {
        label.setText(l);
    }

    public void setContactsPerYear(String c) {
        contacts.setText(c);
    }

    public void setColour(String hex) {
        if (selected != null) {
            selected.colour = hex;
            swatch(hex);
            changed(true);
        }
    }

    // ---- small parts

    private void move(int by) {
        int i = rows.indexOf(selected);
        int j = i + by;
        if (i >= 0 && j >= 0 && j < rows.size()) {
            rows.set(i, rows.get(j));
            rows.set(j, selected);
            changed(true);
        }
    }

    private void enableDetails(boolean on) {
        for (var c : new org.eclipse.swt.widgets.Control[] {classId, label, colour, condition, strategy, classDescription, contacts, pickers}) {
            c.setEnabled(on);
        }
    }

    private final java.util.Map<String, Color> swatches = new java.util.HashMap<>();

    private void swatch(String hex) {
        colour.setBackground(hex == null ? null : colour(hex));
        colour.setText(hex == null ? "        " : hex);
    }

    private Color colour(String hex) {
        return swatches.computeIfAbsent(hex, h -> {
            int v = Integer.parseInt(h.substring(1), 16);
            return new Color(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff);
        });
    }

    private void column(String title, int width, java.util.function.Function<Row, String> text,
            java.util.function.Function<Row, String> background) {
        Columns.<Row>add(table, title, width, text, background == null ? null : r -> {
            String hex = background.apply(r);
            return hex == null ? null : colour(hex);
        });
    }

    private static Button button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    private static Text field(Composite parent, String label, int width) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.BORDER);
        GridData gd = new GridData(width == SWT.DEFAULT ? SWT.FILL : SWT.BEGINNING, SWT.CENTER, width == SWT.DEFAULT, false);
        gd.widthHint = width;
        t.setLayoutData(gd);
        return t;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    @Override public boolean isDirty() { return dirty; }
    @Override public boolean isSaveAsAllowed() { return true; }
    @Override public void setFocus() { table.getTable().setFocus(); }

    @Override
    public void dispose() {
        if (jobs != null) {
            jobs.dispose();
        }
        swatches.values().forEach(Color::dispose);
        super.dispose();
    }
}
