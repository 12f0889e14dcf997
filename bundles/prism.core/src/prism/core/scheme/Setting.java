package prism.core.scheme;

/**
 * A typed setting of a scheme with its default; set on the command line as
 * {@code --set SCHEME.KEY=VALUE} and shown on the scheme's preference page.
 */
public record Setting(String key, String label, Type type, String defaultValue, String description, Double min, Double max) {

    /** A setting without bounds (as in 1.4). */
    public Setting(String key, String label, Type type, String defaultValue, String description) {
        this(key, label, type, defaultValue, description, null, null);
    }

    /**
     * This setting with bounds (inclusive; null for none) that every value must keep, on the command
     * line and on the preference page alike.
     *
     * @since 1.5
     */
    public Setting range(Double least, Double most) {
        return new Setting(key, label, type, defaultValue, description, least, most);
    }

    public enum Type {
        INTEGER, DECIMAL, TEXT, BOOLEAN
    }

    public static Setting integer(String key, String label, int def, String description) {
        return new Setting(key, label, Type.INTEGER, Integer.toString(def), description);
    }

    public static Setting decimal(String key, String label, double def, String description) {
        return new Setting(key, label, Type.DECIMAL, Double.toString(def), description);
    }

    public static Setting text(String key, String label, String def, String description) {
        return new Setting(key, label, Type.TEXT, def, description);
    }

    /** Checks a value against the type; returns an error message, or null when it is valid. */
    public String validate(String value) {
        try {
            switch (type) {
                case INTEGER -> {
                    return inRange(Integer.parseInt(value.trim()), value);
                }
                case DECIMAL -> {
                    double d = Double.parseDouble(value.trim());
                    if (!Double.isFinite(d)) {
                        return "expected a finite number, found \"" + value + "\"";
                    }
                    return inRange(d, value);
                }
                case BOOLEAN -> {
                    if (!value.trim().equalsIgnoreCase("true") && !value.trim().equalsIgnoreCase("false")) {
                        return "expected true or false, found \"" + value + "\"";
                    }
                }
                case TEXT -> { /* anything */ }
            }
            return null;
        } catch (NumberFormatException e) {
            if (type == Type.INTEGER && value.trim().matches("[+-]?\\d+")) {
                return inRange(value.trim().startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, value);
            }
            return "expected " + (type == Type.INTEGER ? "a whole number" : "a number") + ", found \"" + value + "\"";
        }
    }

    private String inRange(double d, String value) {
        if ((min == null || d >= min) && (max == null || d <= max)) {
            return null;
        }
        String what = type == Type.INTEGER ? "a whole number" : "a number";
        String range = min != null && max != null ? " from " + bound(min) + " to " + bound(max)
                : min != null ? " of at least " + bound(min) : " of at most " + bound(max);
        return "expected " + what + range + ", found \"" + value.trim() + "\"";
    }

    private String bound(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
