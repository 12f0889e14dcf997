package prism.core.scheme;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The effective settings of one scheme in one run: defaults overlaid with the values given. */
public final class Settings {

    private final Map<String, String> values;
    // Schemes read their settings for every customer: each value is parsed once, here, into plain maps
    // that are never written again, so reading them needs no lock.
    private final Map<String, Integer> integers = new java.util.HashMap<>();
    private final Map<String, Double> decimals = new java.util.HashMap<>();

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
        for (Map.Entry<String, String> e : values.entrySet()) {
            try {
                integers.put(e.getKey(), Integer.parseInt(e.getValue()));
            } catch (NumberFormatException notWhole) {
                // read as text or decimal only
            }
            try {
                decimals.put(e.getKey(), Double.parseDouble(e.getValue()));
            } catch (NumberFormatException notNumber) {
                // read as text only
            }
        }
    }

    /**
     * The scheme's defaults overlaid with {@code overrides} (key without the scheme id).
     *
     * @throws IllegalArgumentException naming the setting when a key is unknown or a value has the wrong type
     */
    public static Settings of(ClassificationScheme scheme, Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Setting s : scheme.settings()) {
            v.put(s.key(), s.defaultValue());
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            Setting s = scheme.settings().stream().filter(x -> x.key().equals(e.getKey())).findFirst().orElse(null);
            if (s == null) {
                throw new IllegalArgumentException("unknown setting " + scheme.id() + "." + e.getKey() + "; "
                        + (scheme.settings().isEmpty() ? "this scheme has no settings"
                                : "expected one of " + scheme.settings().stream().map(x -> scheme.id() + "." + x.key())
                                        .collect(Collectors.joining(", "))));
            }
            String error = s.validate(e.getValue());
            if (error != null) {
                throw new IllegalArgumentException(scheme.id() + "." + e.getKey() + ": " + error);
            }
            v.put(e.getKey(), e.getValue().trim());
        }
        Settings settings = new Settings(v);
        String contradiction = scheme.validate(settings);
        if (contradiction != null) {
            throw new IllegalArgumentException(scheme.id() + ": " + contradiction);
        }
        return settings;
    }

    /** The scheme's defaults. */
    public static Settings defaults(ClassificationScheme scheme) {
        return of(scheme, Map.of());
    }

    public Map<String, String> asMap() {
        return values;
    }

    public String text(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return v;
    }

    public int integer(String key) {
        Integer v = integers.get(key);
        return v != null ? v : Integer.parseInt(text(key)); // throws, naming the key or the value
    }

    public double decimal(String key) {
        Double v = decimals.get(key);
        return v != null ? v : Double.parseDouble(text(key));
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(text(key));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
