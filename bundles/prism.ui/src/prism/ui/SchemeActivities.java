package prism.ui;

import java.util.HashSet;
import java.util.Set;

import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.activities.IWorkbenchActivitySupport;

import prism.core.scheme.InstalledScheme;

/**
 * Shows a scheme's contributions (views in Show View, preference pages) only while the scheme is
 * installed: a scheme UI bundle binds them to the activity {@code prism.scheme.SCHEME_ID}, enabled here
 * for every installed scheme and disabled when the scheme goes away.
 */
public final class SchemeActivities {

    public static final String PREFIX = "prism.scheme.";

    private SchemeActivities() {
    }

    /** Follows the scheme registry from now on (call once the workbench runs). */
    public static void install() {
        update();
        WorkbenchData.get().addListener(c -> {
            if (c == WorkbenchData.Change.SCHEMES) {
                update();
            }
        });
    }

    static void update() {
        IWorkbenchActivitySupport support = PlatformUI.getWorkbench().getActivitySupport();
        Set<String> enabled = new HashSet<>(support.getActivityManager().getEnabledActivityIds());
        enabled.removeIf(id -> id.startsWith(PREFIX));
        for (InstalledScheme s : WorkbenchData.get().schemes()) {
            enabled.add(PREFIX + s.id());
        }
        support.setEnabledActivityIds(enabled);
    }
}
