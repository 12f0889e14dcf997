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
        waitFor("the workbench window", 120, () -> PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null);
        Workbench.run(() -> {
            try {
                PlatformUI.getWorkbench().showPerspective(PrismUI.PERSPECTIVE_ID, PlatformUI.getWorkbench().getActiveWorkbenchWindow());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
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
        for (String s : List.of("value.tier", "value.rfm", "lifecycle.stage", "lifecycle.pipeline", "geography.zone", "personality.type")) {
            assertTrue(columns.contains("scheme:" + s), columns.toString());
        }
        waitFor("the first page", 30, () -> "C0000001".equals(explorer.cell(0, 0)));
        int tier = columns.indexOf("scheme:value.tier");
        waitFor("a class in the value.tier column", 30, () -> explorer.cell(tier, 7) != null);
        assertEquals("high", ui(() -> explorer.cell(tier, 7)), "C0000008, the biggest spender");
        waitFor("a row far down (virtual paging)", 30, () -> explorer.cell(0, CUSTOMERS - 1) != null);
        assertEquals(String.format("C%07d", CUSTOMERS), ui(() -> explorer.cell(0, CUSTOMERS - 1)));
        String bounds = ui(() -> explorer.table().getBounds() + " visible=" + explorer.table().isVisible() + " parent="
                + explorer.table().getParent().getBounds() + " shown=" + explorer.table().isDisposed());
        assertTrue(ui(() -> explorer.table().isVisible() && explorer.table().getBounds().height > 100), "the table is shown: " + bounds);
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
            waitFor("row " + i, 30, () -> explorer.cell(tier, row) != null);
            assertEquals("high", ui(() -> explorer.cell(tier, row)));
        }
        Workbench.screenshot("explorer-filtered");
        Workbench.run(() -> explorer.filter(Map.of()));
        waitFor("all rows again", 30, () -> explorer.rowCount() == CUSTOMERS);
    }

    @Test
    @Order(3)
    void theCustomerEditorExplainsEachClass() throws Exception {
        CustomerExplorerView explorer = explorer();
        waitFor("the first page", 30, () -> explorer.cell(0, 2) != null);
        Workbench.run(() -> explorer.openCustomerAt(2)); // C0000003, who complained last week
        waitFor("the customer editor", 30, () -> Workbench.page().getActiveEditor() instanceof CustomerEditor);
        CustomerEditor editor = (CustomerEditor) ui(() -> Workbench.page().getActiveEditor());
        assertEquals("C0000003", editor.customerId());
        waitFor("the classes", 30, () -> !editor.classRows().isEmpty());
        String[] personality = ui(() -> editor.classRows().stream().filter(r -> r[5].equals("personality.type")).findFirst().orElseThrow());
        assertEquals("angry", personality[1]);
        assertTrue(personality[3].startsWith("count90.complaint ≥ 1 [count90.complaint=1]"), personality[3]);
        assertTrue(personality[4].contains("apology"), "the strategy is shown: " + personality[4]);
        Workbench.screenshot("customer-editor");
        Workbench.run(() -> Workbench.page().closeAllEditors(false));
    }

    @Test
    @Order(4)
    void segmentsAndPlaybook() throws Exception {
        show(PrismUI.SEGMENTS_VIEW_ID);
        Thread.sleep(3000); // the charts are drawn by background reads
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
    }

    @Test
    @Order(5)
    void aSchemeBundleStoppedAtRuntimeLosesItsColumn() throws Exception {
        CustomerExplorerView explorer = explorer();
        Bundle geo = Arrays.stream(FrameworkUtil.getBundle(WorkbenchTest.class).getBundleContext().getBundles())
                .filter(b -> b.getSymbolicName().equals("prism.scheme.geography")).findFirst().orElseThrow();
        geo.stop();
        try {
            waitFor("the geography column to go", 30, () -> !explorer.columnIds().contains("scheme:geography.zone"));
            assertFalse(WorkbenchData.get().registry().find("geography.zone").isPresent());
            waitFor("rows again", 30, () -> explorer.rowCount() == CUSTOMERS);
            assertTrue(ui(explorer::columnIds).contains("scheme:value.tier"), "the other schemes stay");
        } finally {
            geo.start();
        }
        waitFor("the geography column to come back", 30, () -> explorer.columnIds().contains("scheme:geography.zone"));
    }

    @Test
    @Order(6)
    void noErrorReachedTheLog() {
        IEditorPart none = ui(() -> Workbench.page().getActiveEditor());
        assertEquals(null, none);
    }
}
