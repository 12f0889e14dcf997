package prism.core.scheme;

/**
 * A typed setting of a scheme with its default; set on the command line as
 * {@code --set SCHEME.KEY=VALUE} and shown on the scheme's preference page.
 */
public record Setting(String key, String label, Type type, String defaultValue, String description) {

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
                case INTEGER -> Integer.parseInt(value.trim());
                case DECIMAL -> {
                    double d = Double.parseDouble(value.trim());
                    if (!Double.isFinite(d)) {
                        return "expected a finite number, found \"" + value + "\"";
                    }
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
            return "expected " + (type == Type.INTEGER ? "a whole number" : "a number") + ", found \"" + value + "\"";
        }
    }
}
