package prism.ui.internal.views;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;

import prism.store.RunInfo;
import prism.ui.PrismJob;
import prism.ui.WorkbenchData;
import prism.ui.internal.ClassifyDialog;

/** Stored runs: number, as-of date, when, customers, and each scheme with its class counts. */
public class RunsView extends FollowingView {

    private TableViewer viewer;

    @Override
    public void createPartControl(Composite parent) {
        viewer = Tables.table(parent, new String[] {"Run", "As of", "Made", "Customers", "Schemes (class counts)"},
                new int[] {50, 90, 150, 80, 900});
        getViewSite().getActionBars().getToolBarManager().add(new Action("Classify…") {
            @Override
            public void run() {
                new ClassifyDialog(getSite().getShell()).open();
            }
        });
        follow();
        load();
    }

    private void load() {
        PrismJob job = PrismJob.of("Reading runs", m -> {
            WorkbenchData data = WorkbenchData.get();
            List<RunInfo> runs = data.store().runs();
            List<String[]> rows = runs.reversed().stream().map(r -> new String[] {Integer.toString(r.number()), r.asOf().toString(),
                    r.createdAt().toString().replace('T', ' '), String.format("%,d", r.customers()),
                    r.schemes().stream().map(s -> s.schemeId() + (data.registry().find(s.schemeId()).isPresent() ? "" : " (not installed)")
                            + " " + s.counts()).collect(Collectors.joining("; "))}).toList();
            Display.getDefault().asyncExec(() -> Tables.set(viewer, rows));
        });
        job.setSystem(true);
        job.schedule();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    protected void changed(WorkbenchData.Change change) {
        load();
    }
}
