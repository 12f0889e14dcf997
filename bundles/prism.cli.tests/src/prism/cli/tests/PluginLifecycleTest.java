package prism.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.cli.tests.CliHarness.run;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import prism.core.scheme.InstalledScheme;

/** A scheme bundle stopped at runtime takes its schemes with it; the others work on; past results stay. */
class PluginLifecycleTest {

    static Bundle bundle(String name) {
        return Arrays.stream(FrameworkUtil.getBundle(PluginLifecycleTest.class).getBundleContext().getBundles())
                .filter(b -> b.getSymbolicName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void stoppingAScheme(@TempDir Path tmp) throws Exception {
        String db = tmp.resolve("db").toString();
        Path data = tmp.resolve("data");
        assertEquals(0, run("generate", "--customers", "300", "--out", data.toString(), "--as-of", "2026-01-31").code());
        assertEquals(0, run("import", "--db", db, "--customers", data.resolve("customers.csv").toString(), "--orders",
                data.resolve("orders.csv").toString(), "--interactions", data.resolve("interactions.csv").toString()).code());
        assertEquals(0, run("classify", "--db", db, "--as-of", "2026-01-31").code());
        assertTrue(run("schemes").out().contains("geography.zone"));

        Bundle geo = bundle("prism.scheme.geography");
        geo.stop();
        try {
            assertFalse(CliHarness.registry().schemes().stream().map(InstalledScheme::id).anyMatch("geography.zone"::equals));
            String schemes = run("schemes").out();
            assertFalse(schemes.contains("geography.zone"), schemes);
            assertTrue(schemes.contains("value.tier") && schemes.contains("personality.type"), schemes);

            CliHarness.Result c = run("classify", "--db", db, "--as-of", "2026-01-31");
            assertEquals(0, c.code(), c.err());
            assertTrue(c.out().startsWith("Run 2: 300 customers, 5 schemes"), c.out());
            assertEquals(Prism.OK, run("classify", "--db", db, "--scheme", "value.tier").code());
            assertEquals(Prism.USAGE, run("classify", "--db", db, "--scheme", "geography.zone").code());

            CliHarness.Result past = run("export", "--db", db, "--out", "-", "--run", "1", "--scheme", "geography.zone");
            assertEquals(0, past.code(), past.err());
            assertEquals(301, past.out().split("\n").length, "the past run's results stay readable");
            String runs = run("runs", "--db", db).out();
            assertTrue(runs.contains("geography.zone") && runs.contains("(not installed)"), runs);
        } finally {
            geo.start();
        }
        assertTrue(CliHarness.registry().schemes().stream().map(InstalledScheme::id).anyMatch("geography.zone"::equals),
                "started again, the scheme is back");
    }

    /** Exit codes, named for reading. */
    static final class Prism {
        static final int OK = prism.cli.Cli.OK;
        static final int USAGE = prism.cli.Cli.USAGE;
    }
}
