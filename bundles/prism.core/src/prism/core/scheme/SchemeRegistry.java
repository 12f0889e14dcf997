package prism.core.scheme;

import java.util.List;
import java.util.Optional;

/**
 * The schemes installed right now: an OSGi service that follows scheme bundles as they start,
 * stop, come and go.
 */
public interface SchemeRegistry {

    /** The installed schemes, sorted by id. */
    List<InstalledScheme> schemes();

    default Optional<InstalledScheme> find(String id) {
        return schemes().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Called (on any thread) whenever a scheme appears or disappears. */
    void addListener(Runnable listener);

    void removeListener(Runnable listener);
}
