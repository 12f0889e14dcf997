package prism.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import prism.core.scheme.InstalledScheme;
import prism.core.scheme.SchemeRegistry;
import prism.core.scheme.ClassificationScheme;

/**
 * Tracks every {@link ClassificationScheme} service: a scheme bundle that stops or goes away takes
 * its schemes with it at once (dynamic, multiple reference).
 */
@Component(service = SchemeRegistry.class)
public class SchemeRegistryComponent implements SchemeRegistry {

    private final Map<ClassificationScheme, InstalledScheme> schemes = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addScheme(ClassificationScheme scheme, ServiceReference<ClassificationScheme> ref) {
        Bundle b = ref.getBundle();
        // A scheme registered on behalf of something other than its bundle (an analyst's rule scheme from the
        // database) says so with these properties: its origin and its own version, which runs record.
        Object origin = ref.getProperty("prism.scheme.origin"), version = ref.getProperty("prism.scheme.version");
        schemes.put(scheme, new InstalledScheme(scheme, origin != null ? origin.toString() : b == null ? "?" : b.getSymbolicName(),
                version != null ? version.toString() : b == null ? "?" : b.getVersion().toString()));
        fire();
    }

    void removeScheme(ClassificationScheme scheme) {
        schemes.remove(scheme);
        fire();
    }

    private void fire() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                // a faulty listener must not stop the registry
            }
        }
    }

    @Override
    public List<InstalledScheme> schemes() {
        List<InstalledScheme> l = new ArrayList<>(schemes.values());
        l.sort(Comparator.comparing(InstalledScheme::id));
        return l;
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
