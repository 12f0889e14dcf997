package prism.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prism.cli.tests.CliHarness.run;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prism rules add / check / list / export / remove, and a rule scheme classified and exported like any scheme. */
class RulesCommandTest {

    static final String AS_OF = "2026-03-31";

    static final String VIP = """
            { "id": "rules.vip", "name": "VIP", "version": 1, "description": "Big buyers in the DACH countries",
              "classes": [
                { "id": "vip", "label": "VIP", "colour": "#08519c",
                  "when": "revenue_365 >= 1000 && country =~ ['DE','AT','CH']",
                  "description": "…", "strategy": "…", "contactsPerYear": 12 },
                { "id": "repeat", "label": "Repeat", "when": "orders >= 2" },
                { "id": "other", "label": "Other", "when": "true" } ] }
            """;

    @Test
    void aRuleSchemeIsAddedClassifiedExportedAndRemoved(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        String db = tmp.resolve("db").toString();
        assertEquals(0, run("generate", "--customers", "1500", "--out", data.toString(), "--seed", "5", "--as-of", AS_OF).code());
        assertEquals(0, run("import", "--db", db, "--customers", data.resolve("customers.csv").toString(), "--orders",
                data.resolve("orders.csv").toString()).code());

        Path bad = Files.writeString(tmp.resolve("bad.json"), VIP.replace("revenue_365 >= 1000", "revenue_356 >= 1000"));
        CliHarness.Result check = run("rules", "check", bad.toString());
        assertEquals(1, check.code());
        assertTrue(check.err().contains("bad.json:4:16: unknown fact or attribute 'revenue_356'"), check.err());
        assertEquals(1, run("rules", "add", bad.toString(), "--db", db).code());
        assertTrue(run("rules", "list", "--db", db).out().contains("(no rule scheme"), "nothing stored");

        Path vip = Files.writeString(tmp.resolve("vip.json"), VIP);
        assertEquals(0, run("rules", "check", vip.toString()).code());
        CliHarness.Result add = run("rules", "add", vip.toString(), "--db", db);
        assertEquals(0, add.code(), add.err());
        assertTrue(add.out().startsWith("Saved rules.vip version 1"), add.out());
        assertTrue(run("rules", "add", vip.toString(), "--db", db).out().startsWith("Saved rules.vip version 2"), "each save a new version");
        assertTrue(run("rules", "list", "--db", db).out().contains("rules.vip                2"), run("rules", "list", "--db", db).out());
        CliHarness.Result schemes = run("schemes", "--db", db);
        assertTrue(schemes.out().lines().anyMatch(l -> l.startsWith("rules.vip ") && l.contains(" rules 2")), schemes.out());

        CliHarness.Result c = run("classify", "--db", db, "--as-of", AS_OF, "--scheme", "rules.vip");
        assertEquals(0, c.code(), c.err());
        Path out = tmp.resolve("export.csv");
        assertEquals(0, run("export", "--db", db, "--scheme", "rules.vip", "--out", out.toString()).code());
        Map<String, String> classes = CliHarness.classes(out);
        Map<String, String> expected = expected(data, LocalDate.parse(AS_OF));
        assertEquals(1500, classes.size());
        Set<String> seen = new java.util.HashSet<>();
        expected.forEach((id, cls) -> {
            assertEquals(cls, classes.get(id + "/rules.vip"), id);
            seen.add(cls);
        });
        assertEquals(Set.of("vip", "repeat", "other"), seen, "the sample has customers of every class");
        assertTrue(Files.readString(out).contains("revenue_365 >= 1000 && country =~ ['DE','AT','CH']"), "the condition explains");
        assertTrue(run("runs", "--db", db).out().contains("rules.vip            2"), "the run records the version it used");

        Path shared = tmp.resolve("shared.json");
        assertEquals(0, run("rules", "export", "rules.vip", "--db", db, "--out", shared.toString()).code());
        assertTrue(Files.readString(shared).contains("\"version\": 2"), Files.readString(shared));

        assertEquals(0, run("rules", "remove", "rules.vip", "--db", db).code());
        assertEquals(1, run("rules", "remove", "rules.vip", "--db", db).code(), "no longer there");
        assertFalse(run("schemes", "--db", db).out().contains("rules.vip"));
        assertEquals(0, run("export", "--db", db, "--scheme", "rules.vip", "--out", tmp.resolve("again.csv").toString()).code(),
                "the run's results stay");
        assertEquals(2, run("rules", "frobnicate", "--db", db).code(), "a usage error");
    }

    /** The classes DESIGN.md's example gives, from the CSV files themselves (revenue_365: amounts of the last 365 days; orders: rows of a positive amount). */
    static Map<String, String> expected(Path data, LocalDate asOf) throws Exception {
        Map<String, String> country = new HashMap<>();
        Map<String, Double> revenue365 = new HashMap<>();
        Map<String, Integer> orders = new HashMap<>();
        try (Reader r = Files.newBufferedReader(data.resolve("customers.csv"))) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                country.put(rec.get("id"), rec.get("country"));
            }
        }
        try (Reader r = Files.newBufferedReader(data.resolve("orders.csv"))) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                long age = ChronoUnit.DAYS.between(LocalDate.parse(rec.get("date")), asOf);
                double amount = Double.parseDouble(rec.get("amount"));
                if (age >= 0 && age <= 365) {
                    revenue365.merge(rec.get("customer_id"), amount, Double::sum);
                }
                if (age >= 0 && amount > 0) {
                    orders.merge(rec.get("customer_id"), 1, Integer::sum);
                }
            }
        }
        Map<String, String> out = new HashMap<>();
        for (String id : country.keySet()) {
            String c = country.get(id);
            boolean dach = Set.of("DE", "AT", "CH").contains(c == null ? "" : c.trim());
            out.put(id, revenue365.getOrDefault(id, 0.0) >= 1000 - 1e-9 && dach ? "vip" : orders.getOrDefault(id, 0) >= 2 ? "repeat" : "other");
        }
        return out;
    }
}
