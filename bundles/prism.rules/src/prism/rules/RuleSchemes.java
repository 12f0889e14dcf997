package prism.rules;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import prism.core.scheme.ClassificationScheme;

/**
 * The rule schemes of the open database as scheme services, so that the registry, the engine and every
 * view take them as they take a plugin's: {@link #install} replaces those of the database before.
 */
public final class RuleSchemes {

    /** Service properties the scheme registry reads instead of the registering bundle's name and version. */
    public static final String ORIGIN = "prism.scheme.origin";
    public static final String VERSION = "prism.scheme.version";
    /** What {@code prism schemes} shows as the "bundle" of a rule scheme. */
    public static final String RULES_ORIGIN = "rules";

    private static final List<ServiceRegistration<ClassificationScheme>> registered = new ArrayList<>();

    private RuleSchemes() {
    }

    /** A saved version of a rule scheme as a database keeps it: the document as written. */
    public record Stored(String id, int version, String document) {
    }

    /**
     * Reads the stored documents and installs them; one that no longer reads (saved by an older Prism) is
     * left out, and {@code skipped} told why.
     */
    public static void installStored(List<Stored> stored, java.util.function.Consumer<String> skipped) {
        List<RuleDocument> docs = new ArrayList<>();
        for (Stored s : stored) {
            try {
                docs.add(RuleDocument.parse(s.id(), s.document()).withVersion(s.version()));
            } catch (RuleException e) {
                skipped.accept("rule scheme " + s.id() + " version " + s.version() + " is left out: " + e.getMessage());
            }
        }
        install(docs);
    }

    /** Registers one scheme service per document (their latest versions), unregistering those before. */
    public static synchronized void install(List<RuleDocument> documents) {
        uninstallAll();
        BundleContext context = context();
        if (context == null) {
            return; // outside OSGi (a plain test): nothing to register with
        }
        for (RuleDocument d : documents) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(ORIGIN, RULES_ORIGIN);
            props.put(VERSION, Integer.toString(d.version()));
            registered.add(context.registerService(ClassificationScheme.class, new RuleScheme(d), props));
        }
    }

    public static synchronized void uninstallAll() {
        for (ServiceRegistration<ClassificationScheme> r : registered) {
            try {
                r.unregister();
            } catch (IllegalStateException gone) {
                // the bundle stopped: its services went with it
            }
        }
        registered.clear();
    }

    public static boolean isRuleScheme(ClassificationScheme s) {
        return s instanceof RuleScheme;
    }

    private static BundleContext context() {
        Bundle b = FrameworkUtil.getBundle(RuleSchemes.class);
        if (b == null) {
            return null;
        }
        if (b.getState() != Bundle.ACTIVE && b.getState() != Bundle.STARTING) {
            try {
                b.start(Bundle.START_TRANSIENT);
            } catch (org.osgi.framework.BundleException e) {
                return null;
            }
        }
        return b.getBundleContext();
    }
}
