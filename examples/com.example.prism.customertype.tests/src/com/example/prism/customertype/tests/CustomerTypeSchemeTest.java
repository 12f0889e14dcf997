package com.example.prism.customertype.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.util.tracker.ServiceTracker;

import com.example.prism.customertype.CustomerTypeScheme;

import prism.core.facts.FactsBuilder;
import prism.core.model.Customer;
import prism.core.scheme.Classifier;
import prism.core.scheme.Population;
import prism.core.scheme.RunContext;
import prism.core.scheme.SchemeRegistry;
import prism.core.scheme.Settings;

/** How an ISV tests a scheme: the rules with plain facts, and the registration in a running platform. */
class CustomerTypeSchemeTest {

    final CustomerTypeScheme scheme = new CustomerTypeScheme();

    String type(String kind, String role) {
        Customer c = new Customer("c1", null, kind, role, null, null, null, null, null, null, null, Map.of());
        LocalDate asOf = LocalDate.of(2025, 1, 1);
        Classifier run = scheme.prepare(RunContext.of(asOf, Settings.defaults(scheme), new Population(List.of())));
        return run.classify(new FactsBuilder(c, asOf).build()).classId();
    }

    @Test
    void rules() {
        assertEquals("intermediary", type("enterprise", "intermediary"), "the role comes first");
        assertEquals("government", type("Government", "end"));
        assertEquals("enterprise", type("enterprise", null));
        assertEquals("individual", type(" individual ", "end"));
        assertEquals("unknown", type(null, "end"));
    }

    @Test
    void registeredAsAServiceWhenTheBundleStarts() throws Exception {
        var bc = FrameworkUtil.getBundle(CustomerTypeScheme.class).getBundleContext();
        if (bc == null) { // lazy bundle not started yet in this runtime
            FrameworkUtil.getBundle(CustomerTypeScheme.class).start();
            bc = FrameworkUtil.getBundle(CustomerTypeScheme.class).getBundleContext();
        }
        ServiceTracker<SchemeRegistry, SchemeRegistry> t = new ServiceTracker<>(bc, SchemeRegistry.class, null);
        t.open();
        SchemeRegistry registry = t.waitForService(30_000);
        assertTrue(registry.find("example.customertype").isPresent(), "the registry lists the example scheme");
        assertEquals("com.example.prism.customertype", registry.find("example.customertype").get().bundle());
        t.close();
    }

    /** The plugin is wired to Prism's ISV API packages alone: nothing of the engine, the store or the UI. */
    @Test
    void wiredToTheIsvApiAlone() {
        BundleWiring wiring = FrameworkUtil.getBundle(CustomerTypeScheme.class).adapt(BundleWiring.class);
        List<String> prism = new java.util.ArrayList<>();
        for (BundleWire w : wiring.getRequiredWires("osgi.wiring.package")) {
            String pkg = (String) w.getCapability().getAttributes().get("osgi.wiring.package");
            if (pkg.startsWith("prism.") && !pkg.equals("prism.testing")) { // this test fragment's own import
                prism.add(pkg);
            }
        }
        java.util.Collections.sort(prism);
        assertEquals(List.of("prism.core.facts", "prism.core.model", "prism.core.scheme"), prism);
    }
}
