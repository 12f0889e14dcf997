package prism.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.FrameworkWiring;

import prism.engine.RunEngine;

/**
 * The ISV API is {@code prism.core.model}, {@code prism.core.facts} and {@code prism.core.scheme}; the
 * engine and the core's internals are for Prism's own bundles. A plugin that imports them does not
 * resolve at all, in the build and in the product: a rule a compiler warning could not enforce.
 */
class ApiBoundaryTest {

    @Test
    void aPluginImportingTheApiResolves() throws Exception {
        assertTrue(resolves("prism.core.model;version=\"[1.0,2)\",prism.core.facts;version=\"[1.3,2)\","
                + "prism.core.scheme;version=\"[1.4,2)\""));
    }

    @Test
    void aPluginImportingTheEngineDoesNotResolve() throws Exception {
        assertFalse(resolves("prism.engine"), "prism.engine is for Prism's own bundles");
        assertFalse(resolves("prism.core.internal"), "the core's internals are for the engine alone");
    }

    @Test
    void aFriendSayingSoResolves() throws Exception {
        assertTrue(resolves("prism.engine;prism.friend=true"), "the friend attribute is how Prism's bundles import it");
    }

    /** Installs a bundle with nothing but a manifest importing {@code imports}, tries to resolve it, removes it. */
    private static boolean resolves(String imports) throws IOException, BundleException {
        BundleContext bc = context();
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "test.isv.plugin");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", imports);
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, mf)) {
            // a manifest alone
        }
        Bundle b = bc.installBundle("memory:test.isv.plugin/" + System.nanoTime(), new ByteArrayInputStream(jar.toByteArray()));
        try {
            boolean ok = bc.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(b));
            assertEquals(ok, b.getState() != Bundle.INSTALLED);
            return ok;
        } finally {
            b.uninstall();
        }
    }

    private static BundleContext context() throws BundleException {
        Bundle engine = FrameworkUtil.getBundle(RunEngine.class);
        if (engine.getBundleContext() == null) { // lazy, and not started yet in this runtime
            engine.start();
        }
        return engine.getBundleContext();
    }
}
