package prism.ui.internal.views;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

import prism.core.facts.Facts;
import prism.core.facts.FactsBuilder;
import prism.core.model.Customer;
import prism.core.model.Interaction;
import prism.core.model.Order;
import prism.core.scheme.InstalledScheme;
import prism.core.scheme.Explanation;
import prism.core.scheme.SchemeClass;
import prism.store.PrismStore;
import prism.store.RunInfo;
import prism.store.StoreQueries;
import prism.ui.PrismJob;
import prism.ui.SchemeUi;
import prism.ui.WorkbenchData;

/**
 * One customer: attributes and facts, each scheme's class with the rule that fired and the strategy,
 * the class history across stored runs, and the orders and interactions. Read-only.
 */
public class CustomerEditor extends EditorPart {

    private TableViewer attributes;
    private TableViewer facts;
    private TableViewer classes;
    private TableViewer history;
    private TableViewer orders;
    private TableViewer interactions;
    private CTabFolder tabs;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof CustomerEditorInput)) {
            throw new PartInitException("not a customer: " + input);
        }
        setSite(site);
        setInput(input);
        setPartName(input.getName());
        setTitleToolTip(input.getToolTipText());
    }

    public String customerId() {
        return ((CustomerEditorInput) getEditorInput()).customerId();
    }

    @Override
    public void createPartControl(Composite parent) {
        tabs = new CTabFolder(parent, SWT.BOTTOM | SWT.FLAT);
        SashForm overview = new SashForm(tabs, SWT.HORIZONTAL);
        attributes = Tables.table(overview, new String[] {"Attribute", "Value"}, new int[] {140, 260});
        facts = Tables.table(overview, new String[] {"Fact", "Value"}, new int[] {260, 160}, null,
                (row, col) -> row.length > 2 ? row[2] : null);
        tab("Overview", overview);
        Composite c = new Composite(tabs, SWT.NONE);
        c.setLayout(new FillLayout());
        // The stored explanation is in the tooltip, as exports and the command line print it.
        classes = Tables.table(c, new String[] {"Scheme", "Class", "Score", "Why", "Strategy"},
                new int[] {150, 150, 60, 460, 420}, (row, col) -> col == 1 ? colour(row[5], row[6]) : null,
                (row, col) -> switch (col) {
                    case 0 -> row[5];
                    case 1 -> row[6];
                    case 3 -> row[3] + "\n\nRule: " + row[7];
                    case 4 -> row[4];
                    default -> null;
                });
        tab("Classes", c);
        history = Tables.table(tabs, new String[] {"Run", "As of", "Scheme", "Class", "Why", "Changed"}, new int[] {50, 90, 150, 150, 460, 140},
                (row, col) -> col == 3 && !row[5].isEmpty() ? changed() : null,
                (row, col) -> col == 4 ? row[4] + "\n\nRule: " + row[6] : null);
        tab("History", history.getControl());
        orders = Tables.table(tabs, new String[] {"Date", "Order", "Amount", "Discount", "Promo", "Custom", "Cost"},
                new int[] {90, 110, 90, 80, 60, 60, 80});
        tab("Orders", orders.getControl());
        interactions = Tables.table(tabs, new String[] {"Date", "Interaction", "Type", "Score", "Stage", "Note"},
                new int[] {90, 110, 90, 50, 90, 400});
        tab("Interactions", interactions.getControl());
        tabs.setSelection(1);
        load();
    }

    private org.eclipse.swt.graphics.Color colour(String schemeId, String classId) {
        return WorkbenchData.get().registry().find(schemeId).map(s -> SchemeUi.get().colour(s.scheme(), classId)).orElse(null);
    }

    private void tab(String name, org.eclipse.swt.widgets.Control control) {
        CTabItem item = new CTabItem(tabs, SWT.NONE);
        item.setText(name);
        item.setControl(control);
    }

    private void load() {
        String id = customerId();
        PrismJob.of("Reading customer " + id, (IProgressMonitor monitor) -> {
            WorkbenchData data = WorkbenchData.get();
            PrismStore store = data.store();
            StoreQueries q = store.queries();
            Optional<Customer> customer = store.customer(id);
            List<Order> os = q.orders(id);
            List<Interaction> is = q.interactions(id);
            List<StoreQueries.Assignment> as = q.assignments(id);
            Optional<RunInfo> latest = data.latestRun();
            LocalDate asOf = latest.map(RunInfo::asOf).orElse(LocalDate.now());
            List<String[]> attrRows = new ArrayList<>();
            List<String[]> factRows = new ArrayList<>();
            customer.ifPresent(c -> {
                attrRows.add(new String[] {"id", c.id()});
                attrRows.add(new String[] {"name", c.name()});
                attrRows.add(new String[] {"kind", c.kind()});
                attrRows.add(new String[] {"role", c.role()});
                attrRows.add(new String[] {"country", c.country()});
                attrRows.add(new String[] {"region", c.region()});
                attrRows.add(new String[] {"city", c.city()});
                attrRows.add(new String[] {"industry", c.industry()});
                attrRows.add(new String[] {"plan", c.plan()});
                attrRows.add(new String[] {"created", c.created() == null ? null : c.created().toString()});
                attrRows.add(new String[] {"refused", c.refused() == null ? null : c.refused().toString()});
                new TreeMap<>(c.attributes()).forEach((k, v) -> attrRows.add(new String[] {k + " (custom)", v}));
                FactsBuilder b = new FactsBuilder(c, asOf);
                os.forEach(b::order);
                is.forEach(b::interaction);
                Facts f = b.build();
                factRows.add(new String[] {"As of", Readable.factValue("as of", asOf.toString(), Locale.getDefault()), "as of"});
                for (String n : Facts.NAMES) {
                    Object v = f.value(n);
                    if (v != null && !(v instanceof Integer i && i == 0 && n.startsWith("count"))) {
                        factRows.add(new String[] {Readable.factName(n), Readable.factValue(n, Explanation.format(v), Locale.getDefault()), n});
                    }
                }
            });
            List<String[]> classRows = new ArrayList<>();
            List<String[]> historyRows = new ArrayList<>();
            int latestRun = latest.map(RunInfo::number).orElse(-1);
            Map<String, InstalledScheme> installed = new TreeMap<>();
            data.schemes().forEach(s -> installed.put(s.id(), s));
            // History: newest run first; a class that differs from the scheme's run before is marked.
            List<StoreQueries.Assignment> byRun = new ArrayList<>(as);
            byRun.sort(java.util.Comparator.comparingInt(StoreQueries.Assignment::run));
            Map<String, String> before = new java.util.HashMap<>();
            List<String[]> oldestFirst = new ArrayList<>();
            for (StoreQueries.Assignment a : byRun) {
                InstalledScheme s = installed.get(a.schemeId());
                String label = s == null ? a.classId() : Labels.of(s.scheme(), a.classId());
                String was = before.put(a.schemeId(), a.classId());
                String change = was == null || was.equals(a.classId()) ? ""
                        : "from " + (s == null ? was : Labels.of(s.scheme(), was));
                oldestFirst.add(new String[] {Integer.toString(a.run()), a.asOf().toString(), s == null ? a.schemeId() : s.scheme().name(), label,
                        Readable.explanation(a.explanation()), change, a.explanation()});
            }
            historyRows.addAll(oldestFirst.reversed());
            for (StoreQueries.Assignment a : as) {
                if (a.run() == latestRun) {
                    InstalledScheme s = installed.get(a.schemeId());
                    SchemeClass sc = s == null ? null : s.scheme().schemeClass(a.classId());
                    classRows.add(new String[] {s == null ? a.schemeId() + " (not installed)" : s.scheme().name(),
                            s == null ? a.classId() : Labels.of(s.scheme(), a.classId()),
                            a.score() == null ? "" : Explanation.format(a.score()), Readable.explanation(a.explanation()),
                            sc == null ? "" : sc.strategy(), a.schemeId(), a.classId(), a.explanation()});
                }
            }
            List<String[]> orderRows = os.stream().map(o -> new String[] {o.date().toString(), o.id(), Explanation.format(o.amount()),
                    Explanation.format(o.discount()), o.promo() ? "yes" : "", o.custom() ? "yes" : "",
                    o.cost() == null ? "" : Explanation.format(o.cost())}).toList();
            List<String[]> ixRows = is.stream().map(i -> new String[] {i.date().toString(), i.id(), i.type().csvName(),
                    i.score() == null ? "" : i.score().toString(), i.stage() == null ? "" : i.stage().csvName(), i.note()}).toList();
            Display.getDefault().asyncExec(() -> {
                if (tabs.isDisposed()) {
                    return;
                }
                Tables.set(attributes, attrRows);
                Tables.set(facts, factRows);
                Tables.set(classes, classRows);
                Tables.set(history, historyRows);
                Tables.set(orders, orderRows);
                Tables.set(interactions, ixRows);
            });
        }).schedule();
    }

    private org.eclipse.swt.graphics.Color changed() {
        return tabs.getDisplay().getSystemColor(SWT.COLOR_INFO_BACKGROUND);
    }

    /** For tests: the rows of the History tab (run, as of, scheme, class, why, changed from, stored explanation). */
    public List<String[]> historyRows() {
        Object input = history.getInput();
        List<String[]> rows = new ArrayList<>();
        if (input instanceof Object[] a) {
            for (Object o : a) {
                rows.add((String[]) o);
            }
        }
        return rows;
    }

    /**
     * For tests: the rows of the Classes tab (scheme name, class label, score, explanation in words, strategy,
     * scheme id, class id, stored explanation).
     */
    public List<String[]> classRows() {
        Object input = classes.getInput();
        List<String[]> rows = new ArrayList<>();
        if (input instanceof Object[] a) {
            for (Object o : a) {
                rows.add((String[]) o);
            }
        }
        return rows;
    }

    @Override public void doSave(IProgressMonitor monitor) { }
    @Override public void doSaveAs() { }
    @Override public boolean isDirty() { return false; }
    @Override public boolean isSaveAsAllowed() { return false; }
    @Override public void setFocus() { tabs.setFocus(); }
}
