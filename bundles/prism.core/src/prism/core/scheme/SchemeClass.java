package prism.core.scheme;

/**
 * One class of a scheme: id (stored), label, colour ({@code #rrggbb}), description (traits) and the
 * recommended strategy (what to do with customers of this class).
 */
public record SchemeClass(String id, String label, String colour, String description, String strategy) {
}
