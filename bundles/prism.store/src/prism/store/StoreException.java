package prism.store;

/** A failure of the database itself (cannot open, in use, SQL error): exit code 3 on the command line. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
