package prism.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The sales stage an interaction may record. */
public enum Stage {
    INTERESTED, HESITATING, NOT_NOW, NEVER;

    public String csvName() {
        return csvName;
    }

    /** Made once: explanations print it for every customer. */
    private final String csvName = name().toLowerCase(Locale.ROOT);

    public static Optional<Stage> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String u = s.trim().toUpperCase(Locale.ROOT);
        for (Stage t : values()) {
            if (t.name().equals(u)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static String accepted() {
        return Arrays.stream(values()).map(Stage::csvName).collect(Collectors.joining(", "));
    }
}
