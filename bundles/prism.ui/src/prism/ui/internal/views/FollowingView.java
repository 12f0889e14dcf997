package prism.ui.internal.views;

import java.util.function.Consumer;

import org.eclipse.ui.part.ViewPart;

import prism.ui.WorkbenchData;

/** A view that follows the workbench's data: {@link #changed} on every change until the view is disposed. */
abstract class FollowingView extends ViewPart {

    private final Consumer<WorkbenchData.Change> listener = this::changed;

    /** Starts following; call at the end of {@code createPartControl}. */
    protected void follow() {
        WorkbenchData.get().addListener(listener);
    }

    /** Called on the UI thread after data, runs, schemes or the database changed. */
    protected abstract void changed(WorkbenchData.Change change);

    @Override
    public void dispose() {
        WorkbenchData.get().removeListener(listener);
        super.dispose();
    }
}
