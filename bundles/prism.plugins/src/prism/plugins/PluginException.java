package prism.plugins;

/** Why a plugin could not be listed, installed or removed, with the exit code the command line gives for it. */
public class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, each with its exit code. */
    public enum Kind {
        /** An unknown feature, or the platform named for removal: bad input. */
        BAD_INPUT(1),
        /** This installation has no p2 profile (run from a build folder, not a product). */
        NOT_PROVISIONED(3),
        /** The repository cannot be read (no such folder, no answer, not a p2 repository). */
        UNREACHABLE(4),
        /** The plugin needs what the product does not have (a newer API, a missing bundle). */
        UNMET_REQUIREMENTS(5);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public PluginException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PluginException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
