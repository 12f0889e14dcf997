package prism.cli.tests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import prism.cli.Cli;
import prism.core.scheme.SchemeRegistry;

/** Runs the command line inside the test runtime and keeps what it printed. */
final class CliHarness {

    record Result(int code, String out, String err) {
    }

    private static SchemeRegistry registry;

    static synchronized SchemeRegistry registry() throws InterruptedException {
        if (registry == null) {
            BundleContext bc = FrameworkUtil.getBundle(CliHarness.class).getBundleContext();
            ServiceTracker<SchemeRegistry, SchemeRegistry> t = new ServiceTracker<>(bc, SchemeRegistry.class, null);
            t.open();
            registry = t.waitForService(30_000);
            if (registry == null) {
                throw new IllegalStateException("no SchemeRegistry service: is SCR running?");
            }
        }
        return registry;
    }

    static Result run(String... args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(registry(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** An export file as (customer, scheme) → class. */
    static Map<String, String> classes(Path export) throws Exception {
        Map<String, String> m = new HashMap<>();
        try (Reader r = Files.newBufferedReader(export)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                m.put(rec.get("customer_id") + "/" + rec.get("scheme"), rec.get("class"));
            }
        }
        return m;
    }

    static List<String> header(Path export) throws Exception {
        return List.of(Files.readAllLines(export).get(0).split(","));
    }
}
