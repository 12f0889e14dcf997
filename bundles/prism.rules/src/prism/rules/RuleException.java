package prism.rules;

/**
 * A rule document refused: where (file, line and column, 1-based) and what was expected, said as
 * {@code FILE:LINE:COLUMN: message}.
 */
public final class RuleException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public RuleException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() { return file; }
    public int line() { return line; }
    public int column() { return column; }
    /** The message without the position. */
    public String problem() { return problem; }
}
