package prism.ui.internal.views;

import java.util.List;

import prism.core.scheme.ClassificationScheme;
import prism.core.scheme.SchemeClass;

/** What the analyst reads in place of ids: a class's label, its id where the scheme no longer has it. */
final class Labels {

    private Labels() {
    }

    static String of(ClassificationScheme scheme, String classId) {
        if (scheme != null && classId != null) {
            for (SchemeClass c : scheme.classes()) {
                if (c.id().equals(classId)) {
                    return c.label() == null || c.label().isBlank() ? classId : c.label();
                }
            }
        }
        return classId;
    }

    static List<String> classes(ClassificationScheme scheme, List<String> classIds) {
        return classIds.stream().map(id -> of(scheme, id)).toList();
    }
}
