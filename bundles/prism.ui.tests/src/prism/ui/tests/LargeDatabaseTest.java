package prism.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.ui.tests.Workbench.show;
import static prism.ui.tests.Workbench.ui;
import static prism.ui.tests.Workbench.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import prism.sample.SampleGenerator;
import prism.store.ImportRequest;
import prism.ui.HeatMap;
import prism.ui.PrismJob;
import prism.ui.PrismUI;
import prism.ui.WorkbenchData;
import prism.ui.internal.Operations;
import prism.ui.internal.views.MigrationView;
import prism.ui.internal.views.SegmentOverviewView;

/**
 * The workbench on 100,000 customers with two runs, as an analyst met it: the cross-tab and Migration
 * must finish (they sat in a database join for minutes), show that they are working and can be
 * cancelled, and after a switch of database show that database's numbers, never the last one's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class LargeDatabaseTest {

    static final int BIG = 100_000;
    static final int SMALL = 3_000;
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    static String original;
    static Path big;
    static Path small;

    @BeforeAll
    static void twoDatabases() throws Exception {
        Workbench.prismPerspective();
        original = System.getProperty(WorkbenchData.DB_PROPERTY);
        Path root = Path.of(original).resolveSibling(Path.of(original).getFileName() + "-large");
        big = root.resolve("big");
        small = root.resolve("small");
        fill(small, SMALL);
        fill(big, BIG); // left open: the tests start on it
    }

    /** A database of {@code customers} generated customers, imported and classified twice (run 2 half a year later). */
    private static void fill(Path db, int customers) throws Exception {
        use(db);
        Path data = Files.createTempDirectory("prism-large");
        new SampleGenerator(42, customers, AS_OF).write(data, new NullProgressMonitor());
        PrismJob job = PrismJob.of("100 k set-up", m -> {
            Operations.importFiles(ImportRequest.of(data.resolve("customers.csv"), data.resolve("orders.csv"), data.resolve("interactions.csv")), m);
            Operations.classify(AS_OF, Set.of(), m);
            Operations.classify(AS_OF.plusDays(180), Set.of(), m);
        });
        job.setUser(false);
        job.schedule();
        job.join();
        assertTrue(job.getResult().isOK(), job.getResult().toString());
    }

    /** Switches the workbench to another database, as the Database preference page's Apply does. */
    private static void use(Path db) {
        System.setProperty(WorkbenchData.DB_PROPERTY, db.toString());
        WorkbenchData.get().reopen();
    }

    @AfterAll
    static void back() {
        use(Path.of(original));
    }

    /** A cell of customers who changed class, or null. */
    private static int[] offDiagonal(HeatMap m) {
        for (int r = 0; r < m.rowCount(); r++) {
            for (int c = 0; c < m.columnCount(); c++) {
                if (r != c && m.count(r, c) > 0) {
                    return new int[] {r, c};
                }
            }
        }
        return null;
    }

    private static long total(HeatMap m) {
        return ui(m::total);
    }

    @Test
    @Order(1)
    void theCrossTabAndMigrationOf100kCustomersFinishInSeconds() throws Exception {
        use(big);
        SegmentOverviewView segments = show(PrismUI.SEGMENTS_VIEW_ID);
        waitFor("the latest run in the segment overview", 60, () -> segments.crossTab().message() == null && segments.crossTab().rowCount() > 0);
        long started = System.nanoTime();
        Workbench.run(() -> segments.crossTab("value.tier", "lifecycle.stage"));
        waitFor("the 100 k cross-tab", 30, () -> !segments.jobs().isBusy("crosstab") && segments.crossTab().message() == null);
        long crossTabMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(BIG, total(segments.crossTab()), "every customer in one cell");
        assertEquals("High value", ui(() -> segments.crossTab().rowLabel(0)), "class labels, not ids");

        MigrationView migration = show(PrismUI.MIGRATION_VIEW_ID);
        started = System.nanoTime();
        Workbench.run(() -> migration.choose("lifecycle.stage"));
        // the matrix of lifecycle.stage, not the one shown before the choice: someone changed stage in half a year
        waitFor("the 100 k migration matrix", 30, () -> migration.matrix().message() == null && migration.matrix().rowCount() > 0
                && !migration.jobs().isBusy("matrix") && migration.matrix().total() == BIG && offDiagonal(migration.matrix()) != null);
        long migrationMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(BIG, total(migration.matrix()));
        assertTrue(ui(migration::summary).contains("moved"), ui(migration::summary));
        assertTrue(ui(migration::settingsNote).startsWith("Same settings"), ui(migration::settingsNote));
        // A cell lists its customers.
        int[] cell = ui(() -> offDiagonal(migration.matrix()));
        assertNotNull(cell, "someone changed stage in half a year");
        long n = ui(() -> migration.matrix().count(cell[0], cell[1]));
        Workbench.run(() -> migration.matrix().click(cell[0], cell[1]));
        waitFor("the movers", 30, () -> migration.customers().size() == Math.min(n, 5000));
        System.out.printf("100 k customers: cross-tab %,d ms, migration %,d ms (from asking to the grid shown)%n", crossTabMs, migrationMs);
        Workbench.screenshot("migration-100k");
    }

    @Test
    @Order(2)
    void everyReadShowsItsProgressAndCanBeCancelled() throws Exception {
        use(big);
        SegmentOverviewView segments = show(PrismUI.SEGMENTS_VIEW_ID);
        waitFor("the segment overview", 60, () -> segments.crossTab().message() == null && segments.crossTab().rowCount() > 0);
        assertNotNull(ui(() -> Workbench.page().findView(IPageLayout.ID_PROGRESS_VIEW)), "the Progress view is in the perspective");
        // Asked for, the cross-tab says it is counting in place of the old grid, and its job is in the Progress view.
        String[] seen = ui(() -> {
            segments.crossTab("lifecycle.stage", "value.tier");
            Job job = segments.jobs().job("crosstab");
            return new String[] {segments.crossTab().message(), String.valueOf(job != null && !job.isSystem()),
                    String.valueOf(java.util.Arrays.asList(Job.getJobManager().find(segments.jobs())).contains(job)),
                    String.valueOf(segments.crossTab().rowCount())};
        });
        assertTrue(seen[0] != null && seen[0].startsWith("Counting Lifecycle"), "a message in place of the grid: " + seen[0]);
        assertEquals("true", seen[1], "a job the Progress view shows");
        assertEquals("true", seen[2], "the view's own job");
        assertEquals("0", seen[3], "the old grid is gone while counting");
        waitFor("the new cross-tab", 30, () -> segments.crossTab().message() == null);
        assertEquals("Unprofitable", ui(() -> segments.crossTab().rowLabel(0)), "rows are now the lifecycle stages, in the scheme's order");
        // Cancelled (the Progress view's and the status line's Cancel call this), the view says so.
        Workbench.run(() -> {
            segments.crossTab("value.tier", "personality.type");
            segments.jobs().job("crosstab").cancel();
        });
        waitFor("the cancelled message", 30, () -> segments.crossTab().message() != null && segments.crossTab().message().startsWith("Cancelled"));
        assertFalse(ui(() -> segments.jobs().isBusy("crosstab")));
        // A later choice counts again.
        Workbench.run(() -> segments.crossTab("value.tier", "lifecycle.stage"));
        waitFor("counted again", 30, () -> segments.crossTab().message() == null && segments.crossTab().rowCount() > 0);
        assertEquals(BIG, total(segments.crossTab()));
        // Classifying 100 k customers shows in the Progress view and the status line.
        show(IPageLayout.ID_PROGRESS_VIEW);
        PrismJob classify = PrismJob.of("Classifying as of " + AS_OF.plusDays(200), m -> Operations.classify(AS_OF.plusDays(200), Set.of(), m));
        classify.setUser(false);
        classify.schedule();
        waitFor("the run under way", 60, () -> classify.getState() == Job.RUNNING);
        Thread.sleep(1500);
        Workbench.screenshot("progress-classifying");
        classify.join();
        assertTrue(classify.getResult().isOK(), classify.getResult().toString());
    }

    @Test
    @Order(3)
    void afterADatabaseSwitchEveryViewShowsTheNewDatabase() throws Exception {
        use(big);
        MigrationView migration = show(PrismUI.MIGRATION_VIEW_ID);
        SegmentOverviewView segments = show(PrismUI.SEGMENTS_VIEW_ID);
        show(PrismUI.MIGRATION_VIEW_ID);
        waitFor("the big database's matrix", 60, () -> migration.matrix().message() == null && migration.matrix().total() >= BIG);
        // The analyst asks again and switches databases while the big one is still being counted.
        Workbench.run(() -> {
            WorkbenchData.get().fire(WorkbenchData.Change.RUNS);
            segments.crossTab("value.tier", "lifecycle.stage");
            use(small);
        });
        waitFor("the small database's matrix", 60, () -> migration.matrix().message() == null && migration.matrix().rowCount() > 0);
        waitFor("the small database's cross-tab", 60, () -> segments.crossTab().message() == null && segments.crossTab().rowCount() > 0);
        Thread.sleep(3000); // a late answer from the big database would land by now
        assertEquals(SMALL, total(migration.matrix()), "the matrix counts the small database's customers");
        assertEquals(SMALL, total(segments.crossTab()), "so does the cross-tab");
        assertTrue(ui(migration::summary).contains("run 1, columns: run 2"), ui(migration::summary));
        // And back.
        Workbench.run(() -> use(big));
        waitFor("the big database again", 60, () -> migration.matrix().message() == null && migration.matrix().total() >= BIG);
    }
    /** The rule editor's live counts on 100 k customers: right, and how long an edit takes to be counted. */
    @Test
    @Order(4)
    void theRuleEditorCounts100kCustomersAfterEachEdit() throws Exception {
        use(big);
        prism.rules.ui.internal.RuleSchemesView view = show(prism.rules.ui.internal.RuleSchemesView.ID);
        prism.rules.ui.internal.RuleSchemeEditor editor = ui(view::newScheme);
        waitFor("the new scheme", 30, editor::isLoaded);
        long t0 = System.nanoTime();
        waitFor("the first counts (the facts read)", 120, editor::countsUpToDate);
        double first = (System.nanoTime() - t0) / 1e9;
        LocalDate latest = WorkbenchData.get().latestRun().orElseThrow().asOf(); // the editor counts as of the latest run
        var facts = WorkbenchData.get().store().facts(latest, false, new NullProgressMonitor()).facts();
        assertEquals(BIG, facts.size());
        double[] edits = new double[3];
        for (int k = 0; k < edits.length; k++) {
            int min = 2 + k;
            long t = System.nanoTime();
            Workbench.run(() -> {
                editor.selectRow(0);
                editor.conditionText().setText("orders >= " + min + " && revenue_365 > 100");
            });
            waitFor("the counts after an edit", 60, editor::countsUpToDate);
            edits[k] = (System.nanoTime() - t) / 1e9;
            assertEquals(facts.stream().filter(f -> f.orders() >= min && f.revenue365() > 100).count(), (long) ui(() -> editor.count(0)));
            assertEquals(BIG, ui(() -> editor.count(0) + editor.count(1) + editor.countNone()));
        }
        // Figures for docs/PERFORMANCE.md, not a timed assertion: the machine's load decides them.
        System.out.printf(java.util.Locale.ROOT, "rule editor at %,d customers: first counts %.2f s (facts read), after an edit %.2f, %.2f, %.2f s"
                + " (%d ms of it the wait after typing)%n", BIG, first, edits[0], edits[1], edits[2],
                prism.rules.ui.internal.RuleSchemeEditor.COUNT_DELAY_MS);
        Workbench.run(() -> Workbench.page().closeEditor(editor, false));
    }
}
