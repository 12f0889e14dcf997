package prism.store;

/**
 * Bad input: the file, line and column (1-based; column 1 when the problem is the whole line or file)
 * and what was expected. The message reads {@code FILE:LINE:COLUMN: what was expected, what was found}.
 */
public class ImportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final int column;
    private final String problem;

    public ImportException(String file, long line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() { return file; }
    public long line() { return line; }
    public int column() { return column; }
    /** The message without the position. */
    public String problem() { return problem; }
}
