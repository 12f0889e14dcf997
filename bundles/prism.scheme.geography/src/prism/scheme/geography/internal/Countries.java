package prism.scheme.geography.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The ISO 3166-1 alpha-2 table with each country's UN M49 region, from data/countries.csv. */
public final class Countries {

    public record Country(String code, String name, String region) {
    }

    private static final Map<String, Country> BY_CODE = load();

    private Countries() {
    }

    private static Map<String, Country> load() {
        Map<String, Country> m = new TreeMap<>();
        try (InputStream in = Countries.class.getResourceAsStream("/data/countries.csv");
                Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord rec : format.parse(r)) {
                m.put(rec.get("code"), new Country(rec.get("code"), rec.get("name"), rec.get("region")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // In code order, and hashed: every customer of a run looks one up.
        return Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
    }

    /** The country for a code read case-blind and trimmed, or null when it is not an ISO code. */
    public static Country byCode(String code) {
        return code == null ? null : BY_CODE.get(code.trim().toUpperCase(Locale.ROOT));
    }

    public static Map<String, Country> all() {
        return BY_CODE;
    }
}
