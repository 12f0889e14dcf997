package prism.ui.internal.views;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.progress.UIJob;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.SchemeClass;
import prism.store.ExplorerQuery;
import prism.store.RunInfo;
import prism.store.StoreQueries;
import prism.ui.PrismJob;
import prism.ui.PrismUI;
import prism.ui.WorkbenchData;
import prism.ui.internal.Operations;
import prism.ui.internal.wizards.ImportWizard;

/**
 * Customer Explorer: every customer in a virtual SWT table that never holds more than a few pages. The
 * database counts, filters and sorts; pages of {@value #PAGE} rows are fetched in the background
 * as they scroll into view. One column per installed scheme shows the class of the latest run as a
 * coloured label. A click on a header sorts; the search field matches id and name; "Filter" keeps the
 * chosen classes of any scheme. Double-click opens the customer.
 *
 * <p>Longer than most views: the virtual table's paging, its counting and the queries it answers share one
 * state (the query, its generation, the pages read), and each part that needs none of it lives beside it:
 * {@link ExplorerColumns} (columns, cells, the filter dialog), {@link ExplorerMenu} (right-click),
 * {@link ExplorerViews} (saved views, export of the view).
 */
public class CustomerExplorerView extends FollowingView {

    static final int PAGE = 200;
    static final String[] FIXED = {"Id", "Name", "Kind", "Country"};
    private static final String[] FIXED_KEYS = {"id", "name", "kind", "country"};

    private Composite stack;
    private Composite tableArea;
    private Composite welcome;
    private Table table;
    private Label status;
    private Text search;
    private final ExecutorService pager = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "Prism explorer pages");
        t.setDaemon(true);
        return t;
    });

    // The state the rows come from; replaced as a whole, with a generation so late pages are dropped.
    private volatile ExplorerQuery query = ExplorerQuery.all(0, List.of());
    private volatile List<ClassificationScheme> columns = List.of();
    private volatile long rowCount;
    /** The generation {@link #rowCount} was counted for: until it is the current one, the count is not known. */
    private volatile int countedGen = -1;
    private long queryStarted;
    private volatile int generation;
    private final Map<Long, List<ExplorerQuery.Row>> pages = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<ExplorerQuery.Row>> e) {
            return size() > 60; // at most 12,000 rows in memory, whatever the customer count
        }
    };
    private final Set<Long> loading = new LinkedHashSet<>();
    private Map<String, Set<String>> classFilter = new HashMap<>();
    private Map<String, ExplorerQuery.ScoreRange> scoreFilter = new HashMap<>();
    private final ExplorerViews views = new ExplorerViews(this);
    private String sortKey = "id";
    private boolean ascending = true;

    /** -Dprism.timing=true prints how long the explorer takes to count, show its first rows and reach the last. */
    private static final boolean TIMING = Boolean.getBoolean("prism.timing");
    private final long created = System.nanoTime();
    private boolean firstPageTimed;
    private long scrollStarted;

    private void timing(String what, long since) {
        if (TIMING) {
            System.out.printf("prism.timing explorer: %s in %d ms (%,d rows; %d ms since the JVM started)%n", what,
                    (System.nanoTime() - since) / 1_000_000, rowCount, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        stack = new Composite(parent, SWT.NONE);
        StackLayout layout = new StackLayout();
        stack.setLayout(layout);

        tableArea = new Composite(stack, SWT.NONE);
        tableArea.setLayout(new GridLayout(4, false));
        search = new Text(tableArea, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        search.setMessage("Search id or name");
        search.setLayoutData(new GridData(220, SWT.DEFAULT));
        search.addModifyListener(e -> searchSoon());
        Button filter = new Button(tableArea, SWT.PUSH);
        filter.setText("Filter by class…");
        filter.addListener(SWT.Selection, e -> {
            if (ExplorerColumns.chooseFilter(getSite().getShell(), columns, classFilter)) {
                requery();
            }
        });
        Button clear = new Button(tableArea, SWT.PUSH);
        clear.setText("Clear filters");
        clear.addListener(SWT.Selection, e -> {
            classFilter = new HashMap<>();
            scoreFilter = new HashMap<>();
            search.setText("");
            requery();
        });
        views.contribute(getViewSite().getActionBars().getToolBarManager());
        status = new Label(tableArea, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        createTable(tableArea);

        welcome = new Composite(stack, SWT.NONE);
        welcome.setLayout(new GridLayout(1, false));
        Label l = new Label(welcome, SWT.WRAP);
        l.setText("The database has no customers yet.\nLoad a sample to look around, or import your own CSV files.");
        Button sample = new Button(welcome, SWT.PUSH);
        sample.setText("Load sample data");
        sample.addListener(SWT.Selection, e -> Operations.loadSampleData(Operations.SAMPLE_CUSTOMERS).schedule());
        Button imp = new Button(welcome, SWT.PUSH);
        imp.setText("Import…");
        imp.addListener(SWT.Selection, e -> ImportWizard.open(getSite().getShell()));

        layout.topControl = tableArea;
        follow();
        reload();
    }

    private void createTable(Composite parent) {
        table = new Table(parent, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData fill = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        fill.widthHint = 200;
        fill.heightHint = 100;
        table.setLayoutData(fill);
        table.addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            int index = table.indexOf(item);
            ExplorerQuery.Row r = row(index);
            if (r != null) {
                ExplorerColumns.fill(item, r, columns);
            }
        });
        table.addListener(SWT.DefaultSelection, e -> {
            int index = table.getSelectionIndex();
            ExplorerQuery.Row r = index < 0 ? null : row(index);
            if (r != null) {
                openCustomer(r.id(), r.name());
            }
        });
        table.addListener(SWT.MouseMove, e -> {
            TableItem item = table.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y));
            String tip = null;
            if (item != null) {
                for (int col = 0; col < table.getColumnCount(); col++) {
                    if (item.getBounds(col).contains(e.x, e.y)) {
                        int index = table.indexOf(item);
                        tip = ExplorerColumns.tooltip(row(index), col, columns);
                    }
                }
            }
            if (!java.util.Objects.equals(tip, table.getToolTipText())) {
                table.setToolTipText(tip);
            }
        });
        ExplorerMenu.install(table, this::selectedRows, () -> columns, r -> openCustomer(r.id(), r.name()));
        rebuildColumns();
    }

    /** One column per fixed field and per installed scheme; a click sorts by it, a second the other way. */
    private void rebuildColumns() {
        ExplorerColumns.build(table, columns, columnIds(), key -> {
            ascending = !key.equals(sortKey) || !ascending;
            sortKey = key;
            requery();
        });
    }

    /** For tests: the text a cell shows (a class's label), null while its page loads. */
    public String shownText(int column, int row) {
        if (row >= table.getItemCount()) {
            return null;
        }
        TableItem item = table.getItem(row);
        Object v = cell(column, row);
        return v == null ? null : item.getText(column);
    }

    /** The selected rows whose pages are read (a selection of rows not yet read leaves those out). */
    List<ExplorerQuery.Row> selectedRows() {
        List<ExplorerQuery.Row> rows = new ArrayList<>();
        for (int i : table.getSelectionIndices()) {
            ExplorerQuery.Row r = row(i);
            if (r != null) {
                rows.add(r);
            }
        }
        return rows;
    }

    /** For tests: the selection as the menu's Copy puts it on the clipboard. */
    public String selectionText() {
        return ExplorerMenu.text(selectedRows(), columns, "\t");
    }

    /** For tests: a cell's tooltip. */
    public String tooltip(int column, int row) {
        return ExplorerColumns.tooltip(row >= 0 ? row(row) : null, column, columns);
    }

    /** For tests: the column titles shown. */
    public List<String> columnTitles() {
        return java.util.Arrays.stream(table.getColumns()).map(TableColumn::getText).toList();
    }

    /** The row at an index, or null while its page is loading. */
    private ExplorerQuery.Row row(int index) {
        long p = index / PAGE;
        List<ExplorerQuery.Row> page;
        synchronized (pages) {
            page = pages.get(p);
            if (page == null) {
                if (loading.add(p)) {
                    int gen = generation;
                    ExplorerQuery q = query;
                    pager.submit(() -> fetch(q, gen, p));
                }
                return null;
            }
        }
        int i = index % PAGE;
        return i < page.size() ? page.get(i) : null;
    }

    private void fetch(ExplorerQuery q, int gen, long p) {
        List<ExplorerQuery.Row> rows;
        try {
            if (gen != generation) {
                return;
            }
            rows = WorkbenchData.get().store().queries().page(q, p * PAGE, PAGE, countedGen == gen ? rowCount : -1);
        } catch (RuntimeException e) {
            PrismUI.log("cannot read customers", e);
            rows = List.of();
        }
        List<ExplorerQuery.Row> loaded = rows;
        if (table.isDisposed()) {
            return;
        }
        table.getDisplay().asyncExec(() -> {
            synchronized (pages) {
                loading.remove(p);
                if (gen != generation) {
                    return;
                }
                pages.put(p, loaded);
            }
            if (p == 0 && countedGen != gen && !table.isDisposed()) { // the first rows came before the count: show them now
                table.setItemCount(loaded.size());
                status.setText("Counting customers…");
                status.getParent().layout();
                if (!loaded.isEmpty()) {
                    ((StackLayout) stack.getLayout()).topControl = tableArea;
                    stack.layout();
                }
                timing("first rows shown before the count, after the query", queryStarted);
            }
            if (!firstPageTimed && p == 0 && !loaded.isEmpty()) {
                firstPageTimed = true;
                timing("first rows shown", created);
                jumpToEndOnce();
            } else if (scrollStarted != 0 && (p + 1) * PAGE >= rowCount) {
                timing("last rows shown after a jump to the end", scrollStarted);
                scrollStarted = 0;
            }
            if (p == 0 && countedGen == gen && countText != null && !status.isDisposed()) {
                status.setText(countText); // the sort is done
                status.getParent().layout();
            }
            if (!table.isDisposed() && loaded.size() > 0) {
                int from = (int) (p * PAGE);
                table.clear(from, Math.min(table.getItemCount() - 1, from + loaded.size() - 1));
            }
        });
    }

    private boolean jumped;

    /** With -Dprism.timing, once the first rows and the count are in: jump to the last row, as a user dragging the scroll bar. */
    private void jumpToEndOnce() {
        if (TIMING && !jumped && firstPageTimed && countedGen == generation && rowCount > PAGE) {
            jumped = true;
            scrollStarted = System.nanoTime();
            table.setTopIndex(table.getItemCount() - 1);
        }
    }

    private UIJob searchJob;

    private void searchSoon() {
        if (searchJob != null) {
            searchJob.cancel();
        }
        searchJob = new UIJob("Search customers") {
            @Override
            public org.eclipse.core.runtime.IStatus runInUIThread(IProgressMonitor monitor) {
                requery();
                return org.eclipse.core.runtime.Status.OK_STATUS;
            }
        };
        searchJob.setSystem(true);
        searchJob.schedule(300);
    }

    /** Shows only customers in the given classes (scheme → classes); used by the Segment Overview. */
    public void filter(Map<String, Set<String>> filter) {
        filter(filter, Map.of());
    }

    /** Shows only customers in the given classes and with scores in the given ranges (an R × F cell). */
    public void filter(Map<String, Set<String>> filter, Map<String, ExplorerQuery.ScoreRange> scores) {
        classFilter = new HashMap<>(filter);
        scoreFilter = new HashMap<>(scores);
        search.setText("");
        requery();
    }

    /** Types into the search field (tests, and "Show In" later). */
    public void search(String text) {
        search.setText(text);
        requery();
    }

    /** Sorts as a click on a column header does. */
    public void sortBy(String key, boolean asc) {
        sortKey = key;
        ascending = asc;
        requery();
    }

    /** The query the rows shown come from. */
    ExplorerQuery currentQuery() {
        return query;
    }

    /** The schemes with a column, in column order. */
    List<ClassificationScheme> schemeColumns() {
        return columns;
    }

    /** Shows a saved view: its search, class filters (of the schemes still installed) and sort. */
    public void apply(prism.store.SavedView v) {
        classFilter = new HashMap<>(v.classFilter());
        classFilter.keySet().retainAll(columns.stream().map(ClassificationScheme::id).toList());
        sortKey = v.sortKey().startsWith("scheme:") && columns.stream().noneMatch(c -> v.sortKey().equals("scheme:" + c.id())) ? "id" : v.sortKey();
        ascending = v.ascending();
        search.setText(v.text());
        requery();
    }

    /** Saves the current view under a name (what Save View… does after asking the name). */
    public void saveView(String name) {
        views.save(name);
    }

    /** Exports the current view to a file, as Export View as CSV… does (without its dialogs). */
    public PrismJob exportView(java.nio.file.Path file) {
        return views.exportJob(file, false);
    }

    /** Re-reads the schemes and the latest run, then the rows. */
    public void reload() {
        PrismJob.of("Reading customers", monitor -> {
            WorkbenchData data = WorkbenchData.get();
            List<ClassificationScheme> schemes = data.schemes().stream().map(InstalledScheme::scheme).toList();
            int run = data.latestRun().map(RunInfo::number).orElse(0);
            org.eclipse.swt.widgets.Display.getDefault().asyncExec(() -> {
                if (table == null || table.isDisposed()) {
                    return;
                }
                boolean changed = !columns.equals(schemes);
                columns = schemes;
                if (changed) {
                    rebuildColumns();
                }
                classFilter.keySet().retainAll(schemes.stream().map(ClassificationScheme::id).toList());
                if (sortKey.startsWith("scheme:") && schemes.stream().noneMatch(s -> sortKey.equals("scheme:" + s.id()))) {
                    sortKey = "id";
                }
                query = new ExplorerQuery(run, schemes.stream().map(ClassificationScheme::id).toList(), null, Map.of(), "id", true);
                requery();
            });
        }).schedule();
    }

    /** What the status line says once counted: "N customers" or "N of M customers". */
    private String countText;

    private void requery() {
        if (table == null || table.isDisposed()) {
            return;
        }
        // A sort by a scheme follows the scheme's order of classes (champions first), not their ids' alphabet.
        Map<String, List<String>> classOrder = new HashMap<>();
        columns.forEach(s -> classOrder.put(s.id(), s.classes().stream().map(SchemeClass::id).toList()));
        ExplorerQuery q = new ExplorerQuery(query.run(), query.schemes(), search.getText(), classFilter, sortKey, ascending, classOrder,
                scoreFilter);
        int gen;
        String follow = selectedId(); // the selected customer, found again in the new order
        boolean firstPageNow = q.ascending() || !q.sortKey().equals("id"); // id descending needs the count (see StoreQueries.page)
        synchronized (pages) {
            gen = ++generation;
            query = q;
            pages.clear();
            loading.clear();
            if (firstPageNow) {
                loading.add(0L);
            }
        }
        queryStarted = System.nanoTime();
        if (firstPageNow) { // the first rows while the database counts
            pager.submit(() -> fetch(q, gen, 0));
        }
        PrismJob job = PrismJob.of("Counting customers", monitor -> {
            StoreQueries sq = WorkbenchData.get().store().queries();
            long n = sq.count(q);
            long all = q.text() == null && q.classFilter().isEmpty() && q.scoreFilter().isEmpty() ? n
                    : sq.count(ExplorerQuery.all(q.run(), List.of()));
            table.getDisplay().asyncExec(() -> {
                if (table.isDisposed() || gen != generation) {
                    return;
                }
                rowCount = n;
                countedGen = gen;
                timing("counted", created);
                table.setItemCount((int) Math.min(Integer.MAX_VALUE, n));
                table.clearAll();
                jumpToEndOnce();
                ExplorerColumns.markSort(table, columns, classFilter, columnIds().indexOf(sortKey), ascending);
                countText = n == all ? String.format("%,d customers", n) : String.format("%,d of %,d customers", n, all);
                for (Map.Entry<String, ExplorerQuery.ScoreRange> f : q.scoreFilter().entrySet()) {
                    countText += String.format(" — %s score %s to %s", columns.stream().filter(c -> c.id().equals(f.getKey()))
                            .map(ClassificationScheme::name).findFirst().orElse(f.getKey()), prism.core.scheme.Explanation.format(f.getValue().min()),
                            prism.core.scheme.Explanation.format(Math.nextDown(f.getValue().max())));
                }
                boolean sorting;
                synchronized (pages) {
                    sorting = q.sortKey().startsWith("scheme:") && !pages.containsKey(0L);
                }
                // The first sort by a class orders the whole run once (seconds at a million customers): say so.
                status.setText(sorting ? countText + " — sorting by " + q.sortKey().substring(7) + "…" : countText);
                status.getParent().layout();
                ((StackLayout) stack.getLayout()).topControl = all == 0 ? welcome : tableArea;
                stack.layout();
                if (follow != null && n > 0) {
                    followSelection(q, gen, follow, n);
                }
            });
        });
        job.setSystem(true);
        job.schedule();
    }

    private String selectedId() {
        int i = table.getSelectionIndex();
        List<ExplorerQuery.Row> page;
        synchronized (pages) {
            page = i < 0 ? null : pages.get((long) (i / PAGE));
        }
        return page == null || i % PAGE >= page.size() ? null : page.get(i % PAGE).id();
    }

    /**
     * Selects the customer again where the new order puts it and scrolls to it: pages are read in the
     * background until it turns up (it may have left the rows, filtered out); a newer query stops the search.
     */
    private void followSelection(ExplorerQuery q, int gen, String id, long n) {
        PrismJob job = PrismJob.of("Finding the selected customer", monitor -> {
            StoreQueries sq = WorkbenchData.get().store().queries();
            int step = 10_000;
            for (long offset = 0; offset < n && gen == generation && !monitor.isCanceled(); offset += step) {
                List<ExplorerQuery.Row> rows = sq.page(q, offset, step, n);
                for (int k = 0; k < rows.size(); k++) {
                    if (rows.get(k).id().equals(id)) {
                        long at = offset + k;
                        table.getDisplay().asyncExec(() -> {
                            if (!table.isDisposed() && gen == generation && at < table.getItemCount()) {
                                table.setSelection((int) at);
                                table.showSelection();
                                followed = id;
                            }
                        });
                        return;
                    }
                }
                if (rows.isEmpty()) {
                    return;
                }
            }
        });
        job.setSystem(true);
        job.schedule();
    }

    /** The customer the selection last followed through a new order (for tests). */
    private volatile String followed;

    /** For tests: selects a row as a click does. */
    public void select(int row) {
        table.setSelection(row);
    }

    /** For tests: the id of the selected row (null while its page loads), and the last customer followed through a sort. */
    public String selectedCustomer() {
        return selectedId();
    }

    public String followedCustomer() {
        return followed;
    }

    private void openCustomer(String id, String name) {
        try {
            getSite().getPage().openEditor(new CustomerEditorInput(id, name), PrismUI.CUSTOMER_EDITOR_ID);
        } catch (PartInitException e) {
            PrismUI.log("cannot open customer " + id, e);
        }
    }

    /** For tests: the row count shown, the column titles, the value of a cell (null while loading). */
    public long rowCount() {
        return rowCount;
    }

    public List<String> columnIds() {
        List<String> ids = new ArrayList<>(List.of(FIXED_KEYS));
        columns.forEach(s -> ids.add("scheme:" + s.id()));
        return ids;
    }

    public Object cell(int column, int row) {
        ExplorerQuery.Row r = row(row);
        if (r == null) {
            return null;
        }
        return switch (column) {
            case 0 -> r.id();
            case 1 -> r.name();
            case 2 -> r.kind();
            case 3 -> r.country();
            default -> column - FIXED.length < r.classes().size() ? r.classes().get(column - FIXED.length) : null;
        };
    }

    public void openCustomerAt(int row) {
        ExplorerQuery.Row r = row(row);
        if (r != null) {
            openCustomer(r.id(), r.name());
        }
    }

    public Table table() {
        return table;
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }

    @Override
    protected void changed(WorkbenchData.Change change) {
        reload();
    }

    @Override
    public void dispose() {
        pager.shutdownNow();
        super.dispose();
    }
}
