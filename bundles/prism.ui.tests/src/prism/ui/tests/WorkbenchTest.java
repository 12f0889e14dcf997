package prism.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.ui.tests.Workbench.show;
import static prism.ui.tests.Workbench.ui;
import static prism.ui.tests.Workbench.waitFor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import prism.ui.PrismJob;
import prism.ui.PrismUI;
import prism.ui.WorkbenchData;
import prism.ui.internal.Operations;
import prism.ui.internal.views.CustomerEditor;
import prism.ui.internal.views.CustomerExplorerView;
import prism.ui.internal.views.PlaybookView;

/** Drives the real workbench under X: sample data, explorer, filter, customer editor, a scheme going away. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WorkbenchTest {

    static final int CUSTOMERS = 2000;

    @BeforeAll
    static void sampleData() throws Exception {
        Workbench.prismPerspective();
        // The same code as File › Load Sample Data.
        PrismJob job = Operations.loadSampleData(CUSTOMERS);
        job.schedule();
        job.join();
        assertTrue(job.getResult().isOK(), job.getResult().toString());
    }

    static CustomerExplorerView explorer() {
        return show(PrismUI.EXPLORER_VIEW_ID);
    }

    @Test
    @Order(1)
    void theExplorerShowsCustomersAndASchemeColumnEach() throws Exception {
        CustomerExplorerView explorer = explorer();
        waitFor("2000 rows", 60, () -> explorer.rowCount() == CUSTOMERS);
        List<String> columns = ui(explorer::columnIds);
        for (String s : List.of("value.tier", "value.rfm", "value.clv", "value.churn", "lifecycle.stage", "lifecycle.pipeline",
                "geography.zone", "personality.type", "needs.level", "decision.factor")) {
            assertTrue(columns.contains("scheme:" + s), columns.toString());
        }
        waitFor("the first page", 30, () -> "C0000001".equals(explorer.cell(0, 0)));
        int tier = columns.indexOf("scheme:value.tier");
        waitFor("a class in the value.tier column", 30, () -> explorer.cell(tier, 7) != null);
        assertEquals("high", ui(() -> explorer.cell(tier, 7)), "C0000008, the biggest spender");
        waitFor("the class's label in the cell", 30, () -> "High value".equals(explorer.shownText(tier, 7)));
        assertTrue(ui(() -> explorer.tooltip(tier, 7)).startsWith("High value [high]"), ui(() -> explorer.tooltip(tier, 7)));
        assertTrue(ui(explorer::columnTitles).contains("Value tier"), "scheme names head the columns: " + ui(explorer::columnTitles));
        waitFor("a row far down (virtual paging)", 30, () -> explorer.cell(0, CUSTOMERS - 1) != null);
        assertEquals(String.format("C%07d", CUSTOMERS), ui(() -> explorer.cell(0, CUSTOMERS - 1)));
        String bounds = ui(() -> explorer.table().getBounds() + " visible=" + explorer.table().isVisible() + " parent="
                + explorer.table().getParent().getBounds() + " shown=" + explorer.table().isDisposed());
        assertTrue(ui(() -> explorer.table().isVisible() && explorer.table().getBounds().height > 100), "the table is shown: " + bounds);
        // The README's picture: with the segment overview's charts and cross-tab in, as a user sees it after a moment.
        prism.ui.internal.views.SegmentOverviewView segments = show(PrismUI.SEGMENTS_VIEW_ID);
        waitFor("the segment overview's cross-tab", 30, () -> segments.crossTab().rowCount() > 0);
        explorer();
        Workbench.screenshot("workbench");
    }

    @Test
    @Order(2)
    void filteringByAClassNarrowsTheRows() throws Exception {
        CustomerExplorerView explorer = explorer();
        int tier = ui(explorer::columnIds).indexOf("scheme:value.tier");
        Workbench.run(() -> explorer.filter(Map.of("value.tier", Set.of("high"))));
        waitFor("fewer rows", 30, () -> explorer.rowCount() > 0 && explorer.rowCount() < CUSTOMERS);
        waitFor("the first filtered page", 30, () -> explorer.cell(tier, 0) != null);
        long n = ui(explorer::rowCount);
        for (int i = 0; i < Math.min(n, 50); i++) {
            int row = i;
            // The value that ended the wait: the workbench may re-read its pages at any time (a late data event).
            Object[] seen = new Object[1];
            waitFor("row " + i, 30, () -> (seen[0] = explorer.cell(tier, row)) != null);
            assertEquals("high", seen[0]);
        }
        Workbench.screenshot("explorer-filtered");
        Workbench.run(() -> explorer.filter(Map.of()));
        waitFor("all rows again", 30, () -> explorer.rowCount() == CUSTOMERS);
    }

    @Test
    @Order(2)
    void aViewIsSavedInTheDatabaseAppliedAndExported() throws Exception {
        CustomerExplorerView explorer = explorer();
        Workbench.run(() -> {
            explorer.filter(Map.of("value.tier", Set.of("high")));
            explorer.sortBy("name", true);
        });
        waitFor("the high-value customers", 30, () -> explorer.rowCount() > 0 && explorer.rowCount() < CUSTOMERS);
        long n = ui(explorer::rowCount);
        Workbench.run(() -> explorer.saveView("High value by name"));
        var saved = WorkbenchData.get().store().savedViews().stream().filter(v -> v.name().equals("High value by name")).findFirst().orElseThrow();
        assertEquals(Map.of("value.tier", Set.of("high")), saved.classFilter());
        assertEquals("name", saved.sortKey());
        Workbench.run(() -> explorer.filter(Map.of()));
        waitFor("all rows again", 30, () -> explorer.rowCount() == CUSTOMERS);
        Workbench.run(() -> explorer.apply(saved));
        waitFor("the saved view's rows", 30, () -> explorer.rowCount() == n);
        // The whole view as a wide CSV: a row per customer in its order, the class labels in a column per scheme.
        java.nio.file.Path file = java.nio.file.Files.createTempFile("view", ".csv");
        PrismJob export = ui(() -> explorer.exportView(file));
        export.schedule();
        export.join();
        assertTrue(export.getResult().isOK(), export.getResult().toString());
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertEquals(n + 1, lines.size(), "a header and a line per customer of the view");
        List<String> head = List.of(lines.get(0).split(","));
        assertEquals(List.of("id", "name", "kind", "country"), head.subList(0, 4));
        int tier = head.indexOf("Value tier");
        assertTrue(tier > 3, lines.get(0));
        var rows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(String.join("\n", lines))).getRecords();
        assertTrue(rows.stream().allMatch(r -> r.get(tier).equals("High value")), "only the view's class, by its label");
        List<String> names = rows.stream().map(r -> r.get(1)).toList();
        Object[] first = new Object[1];
        waitFor("the view's first row", 30, () -> (first[0] = explorer.cell(1, 0)) != null);
        assertEquals(first[0], names.get(0), "in the view's order");
        assertTrue(WorkbenchData.get().store().deleteView("High value by name"));
        Workbench.run(() -> explorer.filter(Map.of()));
        waitFor("all rows again", 30, () -> explorer.rowCount() == CUSTOMERS);
        Workbench.run(() -> explorer.sortBy("id", true));
    }

    @Test
    @Order(2)
    void searchAndSortAreDoneByTheDatabase() throws Exception {
        CustomerExplorerView explorer = explorer();
        Workbench.run(() -> explorer.search("showcase"));
        waitFor("the showcase customers", 30, () -> explorer.rowCount() == 6);
        Workbench.run(() -> explorer.search(""));
        waitFor("all rows", 30, () -> explorer.rowCount() == CUSTOMERS);
        Workbench.run(() -> explorer.sortBy("name", false));
        Object[] seen = new Object[2];
        waitFor("sorted rows", 30, () -> (seen[0] = explorer.cell(1, 0)) != null & (seen[1] = explorer.cell(1, 1)) != null);
        String first = (String) seen[0];
        String second = (String) seen[1];
        assertTrue(first.compareTo(second) >= 0, first + " before " + second);
        // By a class: the run's class order, read a range at a time. Going up "high" comes first, going down "none".
        int tier = ui(explorer::columnIds).indexOf("scheme:value.tier");
        assertTrue(tier >= 4, "a value.tier column");
        Workbench.run(() -> explorer.sortBy("scheme:value.tier", true));
        waitFor("sorted by value tier", 30, () -> "high".equals(seen[0] = explorer.cell(tier, 0)));
        waitFor("a later row", 30, () -> (seen[1] = explorer.cell(tier, CUSTOMERS - 1)) != null);
        assertEquals("none", seen[1], "the last class going up");
        Workbench.run(() -> explorer.sortBy("scheme:value.tier", false));
        waitFor("sorted by value tier, down", 30, () -> "none".equals(seen[0] = explorer.cell(tier, 0)));
        Workbench.run(() -> explorer.sortBy("id", true));
        waitFor("sorted by id", 30, () -> "C0000001".equals(explorer.cell(0, 0)));
        // The selection follows its customer through a sort.
        waitFor("row 41", 30, () -> explorer.cell(0, 41) != null);
        Workbench.run(() -> explorer.select(41));
        assertEquals("C0000042", ui(explorer::selectedCustomer));
        Workbench.run(() -> explorer.sortBy("name", false));
        waitFor("C0000042 selected where the sort by name put it", 30, () -> "C0000042".equals(explorer.followedCustomer())
                && "C0000042".equals(explorer.selectedCustomer()));
        Workbench.run(() -> explorer.sortBy("id", true));
        waitFor("and back", 30, () -> "C0000042".equals(explorer.selectedCustomer()) && explorer.table().getSelectionIndex() == 41);
    }

    @Test
    @Order(3)
    void theCustomerEditorExplainsEachClass() throws Exception {
        CustomerExplorerView explorer = explorer();
        // C0000003, who complained last week; opened again should the explorer have re-read its pages meanwhile.
        waitFor("the customer editor", 30, () -> {
            if (Workbench.page().getActiveEditor() instanceof CustomerEditor) {
                return true;
            }
            if (explorer.cell(0, 2) != null) {
                Workbench.run(() -> explorer.openCustomerAt(2));
            }
            return false;
        });
        CustomerEditor editor = (CustomerEditor) ui(() -> Workbench.page().getActiveEditor());
        assertEquals("C0000003", editor.customerId());
        waitFor("the classes", 30, () -> !editor.classRows().isEmpty());
        String[] personality = ui(() -> editor.classRows().stream().filter(r -> r[5].equals("personality.type")).findFirst().orElseThrow());
        assertEquals("Angry", personality[1], "the class's label");
        assertEquals("angry", personality[6]);
        assertTrue(personality[3].startsWith("1 complaint in the last 90 days"), "the explanation in words: " + personality[3]);
        assertTrue(personality[7].startsWith("count90.complaint ≥ 1 [count90.complaint=1]"), "the stored one beside it: " + personality[7]);
        assertTrue(personality[4].contains("apology"), "the strategy is shown: " + personality[4]);
        for (String s : List.of("value.clv", "value.churn", "needs.level", "decision.factor")) {
            assertTrue(ui(() -> editor.classRows().stream().anyMatch(r -> r[5].equals(s) && !r[3].isEmpty())), "explained: " + s);
        }
        Workbench.screenshot("customer-editor");
        Workbench.run(() -> Workbench.page().closeAllEditors(false));
    }

    @Test
    @Order(4)
    void segmentsAndPlaybook() throws Exception {
        prism.ui.internal.views.SegmentOverviewView segments = show(PrismUI.SEGMENTS_VIEW_ID);
        waitFor("the cross-tab", 30, () -> segments.crossTab().rowCount() > 0);
        long cell = ui(() -> segments.crossTab().count(0, 0));
        Workbench.run(() -> segments.crossTab().click(0, 0));
        CustomerExplorerView explorer = explorer();
        waitFor("the explorer filtered to the cell's " + cell + " customers", 30, () -> explorer.rowCount() == cell);
        Workbench.run(() -> explorer.filter(Map.of()));
        waitFor("all rows again", 30, () -> explorer.rowCount() == CUSTOMERS);
        show(PrismUI.SEGMENTS_VIEW_ID);
        Thread.sleep(2000); // the charts are drawn by background reads
        Workbench.screenshot("segment-overview");
        PlaybookView playbook = show(PrismUI.PLAYBOOK_VIEW_ID);
        Workbench.run(() -> playbook.choose("lifecycle.stage", Set.of("lapsing", "lost")));
        waitFor("action rows", 30, () -> !playbook.rows().isEmpty());
        for (String[] row : ui(playbook::rows)) {
            assertTrue(row[2].equals("Lapsing") || row[2].equals("Lost"), Arrays.toString(row));
            assertTrue(row[3].startsWith("Win back"), row[3]);
            assertFalse(row[5].isEmpty(), "a next contact date");
        }
        Workbench.screenshot("playbook");
        Workbench.run(() -> playbook.choose("decision.factor", Set.of("quality")));
        waitFor("quality rows", 30, () -> !playbook.rows().isEmpty() && playbook.rows().get(0)[2].equals("Quality"));
        assertTrue(ui(playbook::rows).get(0)[3].startsWith("Specifications"), Arrays.toString(ui(playbook::rows).get(0)));
    }

    @Test
    @Order(5)
    void eachSchemeBundleBringsItsViews() throws Exception {
        for (String id : List.of("prism.scheme.value.ui.rfmGrid", "prism.scheme.lifecycle.ui.funnel", "prism.scheme.lifecycle.ui.pipeline",
                "prism.scheme.geography.ui.zones", "prism.scheme.personality.ui.types", "prism.scheme.predictive.ui.clv",
                "prism.scheme.predictive.ui.churn", "prism.scheme.profile.ui.needs", "prism.scheme.profile.ui.decision")) {
            org.eclipse.ui.IViewPart view = show(id);
            assertTrue(view instanceof prism.ui.SchemeViewPart, id);
        }
        for (String s : List.of("value.rfm", "value.clv", "value.churn", "lifecycle.stage", "geography.zone", "personality.type",
                "needs.level", "decision.factor")) {
            assertFalse(ui(() -> prism.ui.SchemeUi.get().views(s)).isEmpty(), "a view is declared for " + s);
        }
        assertEquals(12.0, ui(() -> prism.ui.SchemeUi.get().contactsPerYear("lifecycle.stage", "potential")), "declared cadence");
        assertFalse(ui(() -> prism.ui.SchemeUi.get().charts("value.rfm")).isEmpty(), "the R × F chart is declared");
        // A cell of the R × F grid lists its customers in the explorer.
        org.eclipse.ui.IViewPart rfm = show("prism.scheme.value.ui.rfmGrid");
        prism.ui.HeatMap grid = ui(() -> (prism.ui.HeatMap) rfm.getClass().getMethod("grid").invoke(rfm));
        waitFor("the R × F grid", 30, () -> grid.rowCount() == 5 && grid.total() > 0);
        int[] cell = ui(() -> {
            for (int r = 0; r < 5; r++) {
                for (int c = 0; c < 5; c++) {
                    if (grid.count(r, c) > 0) {
                        return new int[] {r, c};
                    }
                }
            }
            return null;
        });
        long inCell = ui(() -> grid.count(cell[0], cell[1]));
        Workbench.run(() -> grid.click(cell[0], cell[1]));
        CustomerExplorerView explorer = explorer();
        waitFor("the explorer showing the cell's " + inCell + " customers", 30, () -> explorer.rowCount() == inCell);
        Workbench.run(() -> explorer.filter(Map.of()));
        waitFor("all rows again", 30, () -> explorer.rowCount() == CUSTOMERS);
        Thread.sleep(2000);
        show("prism.scheme.personality.ui.types");
        Thread.sleep(1000);
        Workbench.screenshot("scheme-views");
        // A class of decision.factor, double-clicked, lists its customers in the explorer.
        prism.ui.ClassesView decision = show("prism.scheme.profile.ui.decision");
        waitFor("the decision factors", 30, () -> decision.rows().size() == 5 && !decision.rows().get(0)[1].equals("0"));
        assertEquals(List.of("Price", "Service", "Quality", "Balanced", "No orders"), ui(() -> decision.rows().stream().map(r -> r[0]).toList()));
        assertEquals(CUSTOMERS, ui(() -> decision.rows().stream().mapToLong(r -> Long.parseLong(r[1].replace(",", ""))).sum()));
        long quality = Long.parseLong(ui(() -> decision.rows().get(2)[1]).replace(",", ""));
        Workbench.run(() -> decision.open(2));
        waitFor("the explorer showing the " + quality + " quality customers", 30, () -> explorer.rowCount() == quality);
        Workbench.run(() -> explorer.filter(Map.of()));
        waitFor("all rows again", 30, () -> explorer.rowCount() == CUSTOMERS);
        // The predicted value's model: its parameters, and actual against expected repeat purchases.
        org.eclipse.ui.IViewPart clv = show("prism.scheme.predictive.ui.clv");
        java.lang.reflect.Method curves = clv.getClass().getMethod("curves"), params = clv.getClass().getMethod("parameterRows");
        waitFor("the tracking chart", 60, () -> ui(() -> curves.invoke(clv)) != null);
        @SuppressWarnings("unchecked")
        List<String[]> rows = (List<String[]>) ui(() -> params.invoke(clv));
        assertEquals(List.of("r", "alpha", "a", "b", "p", "q", "gamma"), rows.stream().limit(7).map(r -> r[0]).toList());
        double[][] c = (double[][]) ui(() -> curves.invoke(clv));
        int last = c[0].length - 1;
        for (int i = 1; i <= last; i++) {
            assertTrue(c[1][i] >= c[1][i - 1] && c[2][i] >= c[2][i - 1] - 1e-9, "cumulative curves never fall (week " + c[0][i] + ")");
        }
        assertTrue(c[1][last] > 0, "repeat purchases in the sample");
        // The model fitted to these customers expects about as many repeat purchases as they made.
        assertEquals(1, c[2][last] / c[1][last], 0.15, "expected " + c[2][last] + " against actual " + c[1][last]);
        Thread.sleep(1000);
        Workbench.screenshot("predicted-value-model");
    }

    @Test
    @Order(6)
    void aSchemesSettingsPageValidatesAndRestoresDefaults() {
        Workbench.run(() -> {
            org.eclipse.swt.widgets.Shell shell = new org.eclipse.swt.widgets.Shell(Workbench.display());
            prism.ui.SchemeSettingsPage page = new prism.ui.SchemeSettingsPage("lifecycle.stage");
            page.init(PlatformUI.getWorkbench());
            page.createControl(shell);
            org.eclipse.swt.widgets.Text lapsing = page.fields().get(2);
            assertEquals("180", lapsing.getText());
            lapsing.setText("soon");
            assertFalse(page.isValid(), "a word is not a number of days");
            assertTrue(page.getErrorMessage().contains("whole number"), page.getErrorMessage());
            lapsing.setText("400");
            assertFalse(page.isValid(), "lapsing after 400 days while lost after 365 contradicts");
            assertTrue(page.getErrorMessage().contains("lostDays"), page.getErrorMessage());
            lapsing.setText("120");
            assertTrue(page.isValid());
            page.performOk();
            assertEquals(120, WorkbenchData.get().settings(WorkbenchData.get().registry().find("lifecycle.stage").get().scheme())
                    .integer("lapsingDays"), "the next classification uses it");
            lapsing.setText("7");
            page.performDefaults();
            assertEquals("180", lapsing.getText());
            page.performOk();
            shell.dispose();
        });
    }

    @Test
    @Order(7)
    void theImportWizardListsEveryBadValueWithLineAndColumn() throws Exception {
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("orders", ".csv");
        java.nio.file.Files.writeString(bad, "id,customer_id,date,amount\nW1,C0000001,2026-01-01,5\nW2,C0000001,2026-02-30,5\nW3,NOBODY,2026-01-02,x\n");
        // A customers file that cannot be read past its second line (a quote never closed).
        java.nio.file.Path broken = java.nio.file.Files.createTempFile("customers", ".csv");
        java.nio.file.Files.writeString(broken, "id,name\nZ1,Fine\nZ2,\"never closed\nZ3,x\n");
        java.nio.file.Path report = java.nio.file.Files.createTempFile("rejects", ".csv");
        long before = WorkbenchData.get().store().countOrders();
        Object[] seen = ui(() -> {
            org.eclipse.swt.widgets.Shell shell = new org.eclipse.swt.widgets.Shell(Workbench.display());
            prism.ui.internal.wizards.ImportWizard w = new prism.ui.internal.wizards.ImportWizard();
            w.init(null, null);
            w.addPages();
            w.page().createControl(shell);
            w.page().setFile(1, bad.toString());
            boolean before1 = w.page().canFinish();
            w.page().check();
            List<String[]> ordersOnly = w.page().problems();
            boolean afterProblems = w.page().canFinish();
            w.page().landGoodRows(true, report.toString());
            boolean landing = w.page().canFinish();
            prism.store.ImportRequest request = w.page().request();
            w.page().landGoodRows(false, report.toString());
            w.page().setFile(0, broken.toString());
            w.page().check();
            List<String[]> both = w.page().problems();
            shell.dispose();
            return new Object[] {ordersOnly, before1, afterProblems, landing, request, both};
        });
        @SuppressWarnings("unchecked")
        List<String[]> problems = (List<String[]>) seen[0];
        assertEquals(2, problems.size(), problems.stream().map(Arrays::toString).toList().toString());
        assertEquals("3", problems.get(0)[1]);
        assertEquals("3", problems.get(0)[2]);
        assertTrue(problems.get(0)[3].contains("calendar date"), problems.get(0)[3]);
        assertEquals("4", problems.get(1)[1]);
        assertEquals("2", problems.get(1)[2]);
        assertEquals(before, WorkbenchData.get().store().countOrders(), "checking writes nothing");
        assertEquals(true, seen[1], "Finish before any check");
        assertEquals(false, seen[2], "no Finish while the check's problems are known");
        assertEquals(true, seen[3], "Finish again once the good rows are to land and the rest reported");
        @SuppressWarnings("unchecked")
        List<String[]> both = (List<String[]>) seen[5];
        assertTrue(both.stream().anyMatch(p -> p[0].equals(broken.getFileName().toString())), "the unreadable customers file is listed");
        assertEquals(3, both.size(), "and the orders file's two bad values still: " + both.stream().map(Arrays::toString).toList());
        // The good row lands, the two bad ones go to the report, as the command line's --rejects does.
        prism.store.ImportRequest request = (prism.store.ImportRequest) seen[4];
        assertEquals(report, request.rejectsReport());
        PrismJob job = PrismJob.of("import good rows", m -> Operations.importFiles(request, m));
        job.schedule();
        job.join();
        assertTrue(job.getResult().isOK(), job.getResult().toString());
        assertEquals(before + 1, WorkbenchData.get().store().countOrders(), "W1 landed");
        assertEquals(3, java.nio.file.Files.readAllLines(report).size(), "a header and the two rejected rows");
    }

    @Test
    @Order(8)
    void aSchemeBundleStoppedAtRuntimeLosesItsColumnAndView() throws Exception {
        CustomerExplorerView explorer = explorer();
        show("prism.scheme.geography.ui.zones");
        Bundle geo = Arrays.stream(FrameworkUtil.getBundle(WorkbenchTest.class).getBundleContext().getBundles())
                .filter(b -> b.getSymbolicName().equals("prism.scheme.geography")).findFirst().orElseThrow();
        geo.stop();
        try {
            waitFor("the geography column to go", 30, () -> !explorer.columnIds().contains("scheme:geography.zone"));
            waitFor("the Zones view to close", 30, () -> Workbench.page().findView("prism.scheme.geography.ui.zones") == null);
            waitFor("its settings page and views to be hidden", 30, () -> !PlatformUI.getWorkbench().getActivitySupport()
                    .getActivityManager().getIdentifier("prism.scheme.geography.ui/prism.scheme.geography.ui.zone").isEnabled());
            assertTrue(ui(() -> PlatformUI.getWorkbench().getActivitySupport().getActivityManager()
                    .getIdentifier("prism.scheme.personality.ui/prism.scheme.personality.ui.type").isEnabled()), "other pages stay");
            assertFalse(WorkbenchData.get().registry().find("geography.zone").isPresent());
            waitFor("rows again", 30, () -> explorer.rowCount() == CUSTOMERS);
            assertTrue(ui(explorer::columnIds).contains("scheme:value.tier"), "the other schemes stay");
        } finally {
            geo.start();
        }
        waitFor("the geography column to come back", 30, () -> explorer.columnIds().contains("scheme:geography.zone"));
        waitFor("its settings page to come back", 30, () -> PlatformUI.getWorkbench().getActivitySupport()
                .getActivityManager().getIdentifier("prism.scheme.geography.ui/prism.scheme.geography.ui.zone").isEnabled());
    }

    @Test
    @Order(9)
    void migrationBetweenTwoRuns() throws Exception {
        PrismJob second = PrismJob.of("second run", m -> Operations.classify(java.time.LocalDate.now().plusDays(200), Set.of(), m));
        second.schedule();
        second.join();
        assertTrue(second.getResult().isOK(), second.getResult().toString());
        prism.ui.internal.views.MigrationView migration = show(PrismUI.MIGRATION_VIEW_ID);
        Workbench.run(() -> WorkbenchData.get().fire(WorkbenchData.Change.RUNS));
        waitFor("the matrix", 30, () -> migration.matrix().rowCount() > 0);
        long total = ui(() -> {
            long t = 0;
            for (int r = 0; r < migration.matrix().rowCount(); r++) {
                for (int c = 0; c < migration.matrix().columnCount(); c++) {
                    t += migration.matrix().count(r, c);
                }
            }
            return t;
        });
        assertEquals(CUSTOMERS, total, "every customer is in one cell");
        // The funnel lists the stage-to-stage moves between the two runs.
        Workbench.run(() -> migration.choose("lifecycle.stage"));
        waitFor("the lifecycle matrix", 30, () -> migration.matrix().message() == null && migration.matrix().rowCount() > 0
                && !migration.jobs().isBusy("matrix"));
        long moved = ui(() -> {
            long m = 0;
            for (int r = 0; r < migration.matrix().rowCount(); r++) {
                for (int c = 0; c < migration.matrix().columnCount(); c++) {
                    m += r == c ? 0 : migration.matrix().count(r, c);
                }
            }
            return m;
        });
        org.eclipse.ui.IViewPart funnel = show("prism.scheme.lifecycle.ui.funnel");
        Workbench.run(() -> WorkbenchData.get().fire(WorkbenchData.Change.RUNS));
        @SuppressWarnings("unchecked")
        java.util.function.Supplier<List<String[]>> moves = () -> {
            try {
                return (List<String[]>) funnel.getClass().getMethod("moves").invoke(funnel);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
        waitFor("the funnel's moves", 30, () -> !moves.get().isEmpty());
        assertEquals(moved, ui(() -> moves.get().stream().mapToLong(r -> Long.parseLong(r[2].replace(",", ""))).sum()),
                "the funnel's moves are Migration's off the diagonal");
        // The Runs view: the latest run's class counts and settings as tables.
        prism.ui.internal.views.RunsView runs = show(PrismUI.RUNS_VIEW_ID);
        waitFor("the latest run's class counts", 30, () -> !runs.countRows().isEmpty());
        long tiers = ui(() -> runs.countRows().stream().filter(r -> r[4].equals("value.tier"))
                .mapToLong(r -> Long.parseLong(r[2].replace(",", "").replace(".", "").replace("\u00a0", ""))).sum());
        assertEquals(CUSTOMERS, tiers, "each scheme's counts cover every customer");
        assertTrue(ui(() -> runs.settingRows().stream().anyMatch(r -> r[1].equals("lapsingDays"))), "the settings it ran with");
        Workbench.screenshot("migration");
    }

    @Test
    @Order(9)
    void theAboutDialogTellsTheVersion() throws Exception {
        Bundle app = org.eclipse.core.runtime.Platform.getBundle("prism.app");
        java.util.Properties mappings = new java.util.Properties();
        try (var in = app.getEntry("about.mappings").openStream()) {
            mappings.load(in);
        }
        org.osgi.framework.Version v = app.getVersion();
        assertEquals(v.getMajor() + "." + v.getMinor() + "." + v.getMicro(), mappings.getProperty("0"), "about.mappings follows the bundle");
        assertTrue(org.eclipse.core.runtime.Platform.getProduct().getProperty("aboutText").startsWith("Prism {0}"));
    }

    /** An analyst builds a two-class rule scheme: one condition typed, one made with pickers; counts follow each edit. */
    @Test
    @Order(9)
    void aRuleSchemeIsWrittenCountedSavedAndClassified() throws Exception {
        prism.rules.ui.internal.RuleSchemesView view = show(prism.rules.ui.internal.RuleSchemesView.ID);
        prism.rules.ui.internal.RuleSchemeEditor editor = ui(view::newScheme);
        waitFor("the new scheme", 30, editor::isLoaded);
        WorkbenchData data = WorkbenchData.get();
        java.time.LocalDate asOf = data.latestRun().orElseThrow().asOf();
        List<prism.core.facts.Facts> facts = data.store().facts(asOf, false, new org.eclipse.core.runtime.NullProgressMonitor()).facts();
        Set<String> dach = new java.util.HashSet<>(List.of("DE", "AT", "CH")); // contains(null) is false
        java.util.function.Predicate<prism.core.facts.Facts> vip = f -> f.revenue365() >= 1000 && dach.contains(f.customer().country());
        // The first class typed as text, with a typing error on the way.
        Workbench.run(() -> {
            editor.selectRow(0);
            editor.setClassId("vip");
            editor.setLabel("VIP");
            editor.setStrategy("An account manager calls");
            editor.setContactsPerYear("12");
            editor.conditionText().setText("revenu_365 >= 1000");
        });
        assertTrue(ui(editor::conditionError).contains("unknown fact or attribute 'revenu_365'"), ui(editor::conditionError));
        assertEquals(List.of(0, 10), Arrays.stream(ui(editor::underlined)).boxed().toList(), "the unknown name is underlined");
        assertTrue(ui(editor::message).contains("1 class has a problem"), ui(editor::message));
        Workbench.run(() -> editor.conditionText().setText("revenue_365 >= 1000 && country =~ ['DE','AT','CH']"));
        assertEquals("", ui(editor::conditionError));
        assertEquals(null, ui(editor::underlined));
        assertEquals(2, ui(() -> editor.pickers().tree().items().size()), "the text shown as two pickers");
        // The second class made with pickers: its text follows.
        Workbench.run(() -> {
            editor.selectRow(1);
            editor.setClassId("repeat");
            editor.setLabel("Repeat");
            editor.pickers().addComparison("orders", ">=", "2");
        });
        assertEquals("orders >= 2", ui(() -> editor.conditionText().getText()));
        long vips = facts.stream().filter(vip).count();
        long repeat = facts.stream().filter(vip.negate()).filter(f -> f.orders() >= 2).count();
        waitFor("the counts", 30, editor::countsUpToDate);
        assertTrue(vips > 0 && repeat > 0, vips + " VIPs, " + repeat + " repeat buyers");
        assertEquals(vips, ui(() -> editor.count(0)));
        assertEquals(repeat, ui(() -> editor.count(1)));
        assertEquals(facts.size() - vips - repeat, ui(editor::countNone));
        assertEquals("new", ui(() -> editor.tableRows().get(0)[5]), "nothing stored to compare with yet");
        // Save as a new scheme: version 1, installed, listed.
        assertTrue(ui(() -> editor.saveAs("rules.vip")), ui(editor::message));
        assertEquals(1, ui(editor::version));
        assertEquals(1, data.store().ruleDocuments().latest("rules.vip").orElseThrow().version());
        waitFor("rules.vip installed", 30, () -> data.registry().find("rules.vip").isPresent());
        waitFor("rules.vip listed", 30, () -> !view.isBusy() && view.rows().stream().anyMatch(r -> r[0].equals("rules.vip")));
        assertEquals(12.0, ui(() -> prism.ui.SchemeUi.get().contactsPerYear("rules.vip", "vip")), "the Playbook's cadence from the document");
        // An edit against the stored version: who would move.
        Workbench.run(() -> {
            editor.selectRow(1);
            editor.conditionText().setText("orders >= 3");
        });
        long leave = facts.stream().filter(vip.negate()).filter(f -> f.orders() == 2).count();
        waitFor("the counts after the edit", 30, editor::countsUpToDate);
        assertEquals(List.of(0L, leave), Arrays.stream(ui(() -> editor.moves(1))).boxed().toList(), "in and out of Repeat");
        assertEquals(String.format(java.util.Locale.ROOT, "+0 / −%,d", leave), ui(() -> editor.tableRows().get(1)[5]));
        assertEquals(List.of(0L, 0L), Arrays.stream(ui(() -> editor.moves(0))).boxed().toList(), "VIP unchanged");
        Workbench.run(() -> Workbench.page().setPartState(Workbench.page().getReference(editor),
                org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED));
        Thread.sleep(800);
        Workbench.screenshot("rule-scheme-editor");
        Workbench.run(() -> Workbench.page().setPartState(Workbench.page().getReference(editor),
                org.eclipse.ui.IWorkbenchPage.STATE_RESTORED));
        Workbench.run(editor::revert);
        assertEquals("orders >= 2", ui(() -> editor.tableRows().get(1)[2]));
        assertFalse(ui(editor::isDirty));
        // A saved change is version 2; Classify runs it with the other schemes.
        Workbench.run(() -> {
            editor.selectRow(1);
            editor.conditionText().setText("orders >= 3");
        });
        assertTrue(ui(() -> editor.save("rules.vip")), ui(editor::message));
        assertEquals(2, data.store().ruleDocuments().latest("rules.vip").orElseThrow().version());
        PrismJob classify = ui(editor::classify);
        classify.join();
        assertTrue(classify.getResult().isOK(), classify.getResult().toString());
        var run = data.store().latestRun().orElseThrow();
        var info = run.schemes().stream().filter(s -> s.schemeId().equals("rules.vip")).findFirst().orElseThrow();
        assertEquals("2", info.version(), "the run records the version it used");
        assertEquals(vips, (long) info.counts().get("vip"));
        assertEquals(facts.stream().filter(vip.negate()).filter(f -> f.orders() >= 3).count(), (long) info.counts().getOrDefault("repeat", 0));
        // Delete: gone from the schemes, its results kept in the run.
        Workbench.run(editor::delete);
        waitFor("rules.vip uninstalled", 30, () -> data.registry().find("rules.vip").isEmpty());
        assertTrue(data.store().ruleDocuments().latest("rules.vip").isEmpty());
        assertTrue(data.store().latestRun().orElseThrow().schemes().stream().anyMatch(s -> s.schemeId().equals("rules.vip")));
        // A colleague's document imported: checked, stored as the next version, installed; a bad one refused with its position.
        java.nio.file.Path file = java.nio.file.Files.createTempFile("angry", ".json");
        java.nio.file.Files.writeString(file, "{\"id\": \"rules.angry\", \"classes\": [{\"id\": \"angry\", \"when\": \"count90.complaint >= 1\"}]}");
        assertEquals("rules.angry", ui(() -> view.importDocument(file)));
        waitFor("rules.angry installed", 30, () -> data.registry().find("rules.angry").isPresent());
        java.nio.file.Files.writeString(file, "{\"id\": \"rules.angry\",\n \"classes\": [{\"id\": \"angry\", \"when\": \"complaints >= 1\"}]}");
        Throwable bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> ui(() -> view.importDocument(file)))
                .getCause();
        assertTrue(bad instanceof prism.rules.RuleException, String.valueOf(bad));
        assertTrue(bad.getMessage().startsWith(file + ":2:"), bad.getMessage());
        assertEquals(1, data.store().ruleDocuments().versions("rules.angry").size(), "the refused document stored nothing");
        data.store().ruleDocuments().remove("rules.angry");
        data.reloadRuleSchemes();
        java.nio.file.Files.delete(file);
    }

    @Test
    @Order(10)
    void noEditorLeftOpen() {
        IEditorPart none = ui(() -> Workbench.page().getActiveEditor());
        assertEquals(null, none);
    }
}
