package prism.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

import prism.core.scheme.InstalledScheme;
import prism.engine.ClassificationService;
import prism.engine.RunEngine;
import prism.engine.RunResult;
import prism.sample.SampleGenerator;
import prism.core.scheme.Settings;
import prism.store.ImportException;
import prism.store.ImportRequest;
import prism.store.PrismStore;
import prism.ui.PrismJob;
import prism.ui.PrismUI;
import prism.ui.WorkbenchData;

/** The workbench's long operations, shared by menus, dialogs and tests. Each runs in a job. */
public final class Operations {

    public static final int SAMPLE_CUSTOMERS = 5_000;

    private Operations() {
    }

    /** Generates a sample data set, imports it and classifies it with every installed scheme. */
    public static PrismJob loadSampleData(int customers) {
        return PrismJob.of("Loading sample data", monitor -> {
            SubMonitor sub = SubMonitor.convert(monitor, "Loading sample data", 100);
            Path dir = Files.createTempDirectory("prism-sample");
            try {
                LocalDate asOf = LocalDate.now();
                new SampleGenerator(42, customers, asOf).write(dir, sub.split(10));
                importFiles(ImportRequest.of(dir.resolve("customers.csv"), dir.resolve("orders.csv"),
                        dir.resolve("interactions.csv")), sub.split(60));
                classify(asOf, Set.of(), sub.split(30));
            } finally {
                deleteTree(dir);
            }
        });
    }

    /** Imports, all or nothing, and tells the views. */
    public static prism.store.ImportResult importFiles(ImportRequest request, IProgressMonitor monitor) throws ImportException {
        WorkbenchData data = WorkbenchData.get();
        prism.store.ImportResult result = data.store().importFiles(request, monitor);
        data.fire(WorkbenchData.Change.DATA);
        return result;
    }

    /** Runs the chosen schemes (all when empty) with their preference settings and stores the run. */
    public static int classify(LocalDate asOf, Set<String> schemes, IProgressMonitor monitor) {
        WorkbenchData data = WorkbenchData.get();
        PrismStore store = data.store();
        List<RunEngine.SchemeSpec> specs = new ArrayList<>();
        for (InstalledScheme s : data.schemes()) {
            if (schemes.isEmpty() || schemes.contains(s.id())) {
                Settings settings = data.settings(s.scheme());
                specs.add(new RunEngine.SchemeSpec(s, settings));
            }
        }
        // incremental when the facts cache allows, as the command line runs it
        ClassificationService.Outcome o = data.classification().run(store, asOf, specs, false, monitor);
        List<String> failed = new ArrayList<>();
        for (RunResult.SchemeFailure f : o.result().failures()) {
            PrismUI.log(f.describe() + "; its results were not stored, the other schemes' were", f.error());
            failed.add(f.describe());
        }
        if (!failed.isEmpty()) { // said where the analyst looks, not only in the error log
            org.eclipse.swt.widgets.Display.getDefault().asyncExec(() -> org.eclipse.jface.dialogs.MessageDialog.openWarning(null,
                    "Classify", (o.run() < 0 ? "Nothing was stored: " : "Run " + o.run() + " was stored without the schemes that failed:")
                            + "\n\n" + String.join("\n", failed)));
        }
        if (o.run() < 0) {
            throw new IllegalStateException("no scheme could classify the customers; nothing was stored (see the error log)");
        }
        data.fire(WorkbenchData.Change.RUNS);
        return o.run();
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
