package prism.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The interaction types of interactions.csv, written in lower case there. */
public enum InteractionType {
    CALL, EMAIL, MEETING, VISIT, QUESTION, TICKET, COMPLAINT, QUOTE, REVIEW, REFERRAL, SURVEY, REFUSAL;

    private static final InteractionType[] VALUES = values();

    /** The name as written in CSV files and fact names, e.g. {@code complaint}. */
    public String csvName() {
        return csvName;
    }

    /** Made once: explanations print it for every customer. */
    private final String csvName = name().toLowerCase(Locale.ROOT);

    /** Parses a CSV value, case-blind; empty when it is not a type. */
    public static Optional<InteractionType> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String u = s.trim().toUpperCase(Locale.ROOT);
        for (InteractionType t : VALUES) {
            if (t.name().equals(u)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The accepted values, for error messages. */
    public static String accepted() {
        return Arrays.stream(VALUES).map(InteractionType::csvName).collect(Collectors.joining(", "));
    }
}
