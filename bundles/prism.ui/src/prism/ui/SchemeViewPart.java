package prism.ui;

import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;

import prism.core.scheme.InstalledScheme;
import prism.store.RunInfo;

/**
 * Base class of a scheme's own view: it follows the workbench's data, reads in the background, and
 * closes itself when its scheme goes away (its bundle stopped or removed). Subclasses build their
 * controls once and fill them in {@link #show}.
 */
public abstract class SchemeViewPart extends ViewPart {

    private String schemeId;
    private Composite stack;
    private Composite content;
    private Label message;
    private final Consumer<WorkbenchData.Change> listener = c -> refresh();
    private final ViewJobs jobs = new ViewJobs(this);

    protected SchemeViewPart(String schemeId) {
        this.schemeId = schemeId;
    }

    /**
     * For a view class declared in plugin.xml as {@code class="CLASS:SCHEME_ID"}: one class can serve
     * several schemes, each its own view id.
     *
     * @since 1.2
     */
    protected SchemeViewPart() {
    }

    @Override
    public void setInitializationData(org.eclipse.core.runtime.IConfigurationElement config, String propertyName, Object data) {
        super.setInitializationData(config, propertyName, data);
        if (schemeId == null && data instanceof String s && !s.isBlank()) {
            schemeId = s.trim();
        }
    }

    public String schemeId() {
        return schemeId;
    }

    @Override
    public final void createPartControl(Composite parent) {
        stack = new Composite(parent, SWT.NONE);
        stack.setLayout(new StackLayout());
        content = new Composite(stack, SWT.NONE);
        message = new Label(stack, SWT.WRAP);
        createContent(content);
        jobs.onStateChange((slot, state, detail) -> {
            if (!stack.isDisposed() && (state == ViewJobs.State.CANCELLED || state == ViewJobs.State.FAILED)) {
                message.setText(state == ViewJobs.State.CANCELLED ? "Reading " + schemeId + " was cancelled." : "Could not read: " + detail);
                ((StackLayout) stack.getLayout()).topControl = message;
                stack.layout(true, true);
            }
        });
        WorkbenchData.get().addListener(listener);
        refresh();
    }

    /** Builds the view's controls into {@code parent}. */
    protected abstract void createContent(Composite parent);

    /**
     * Reads what the view shows, off the UI thread, for the latest run; returns the work to do on the UI
     * thread with it.
     */
    protected abstract Runnable read(WorkbenchData data, RunInfo run, InstalledScheme scheme);

    /** Reads again and shows the result; a read still under way is cancelled (see {@link ViewJobs}). */
    public void refresh() {
        if (stack.isDisposed()) {
            return;
        }
        message.setText("Reading " + schemeId + "…");
        ((StackLayout) stack.getLayout()).topControl = message;
        stack.layout(true, true);
        jobs.run("content", "Reading " + schemeId, m -> {
            WorkbenchData data = WorkbenchData.get();
            Optional<InstalledScheme> scheme = data.registry().find(schemeId);
            if (scheme.isEmpty()) {
                return Optional.<Runnable>empty();
            }
            Optional<RunInfo> run = data.latestRun().filter(r -> r.schemes().stream().anyMatch(s -> s.schemeId().equals(schemeId)));
            Runnable ui = run.isEmpty() ? null : read(data, run.get(), scheme.get());
            return Optional.of(ui == null ? NO_RUN : ui);
        }, ui -> {
            if (stack.isDisposed()) {
                return;
            }
            if (ui.isEmpty()) {
                getSite().getPage().hideView(this); // the scheme went away: so does its view
                return;
            }
            StackLayout l = (StackLayout) stack.getLayout();
            if (ui.get() == NO_RUN) {
                message.setText("No stored run has " + schemeId + " yet: classify first (Customers › Classify…).");
                l.topControl = message;
            } else {
                l.topControl = content;
                ui.get().run();
            }
            stack.layout(true, true);
        });
    }

    private static final Runnable NO_RUN = () -> { };

    @Override
    public void setFocus() {
        stack.setFocus();
    }

    @Override
    public void dispose() {
        WorkbenchData.get().removeListener(listener);
        jobs.dispose();
        super.dispose();
    }
}
