package prism.store;

import java.nio.file.Path;

/**
 * The files to import (any may be null) and, optionally, a report file: with a report, rows with bad
 * values are skipped and written there with their reason, and the good rows land; without one, the
 * first bad value aborts the whole import. Broken files (not UTF-8, an unterminated quote, a missing
 * column) always abort. A dry run checks everything the same way and then rolls back.
 */
public record ImportRequest(Path customers, Path orders, Path interactions, Path rejectsReport, boolean dryRun) {

    public ImportRequest(Path customers, Path orders, Path interactions, Path rejectsReport) {
        this(customers, orders, interactions, rejectsReport, false);
    }

    public static ImportRequest of(Path customers, Path orders, Path interactions) {
        return new ImportRequest(customers, orders, interactions, null, false);
    }

    /** A check of the files that writes nothing: every bad row goes to the report, then all is rolled back. */
    public static ImportRequest validate(Path customers, Path orders, Path interactions, Path report) {
        return new ImportRequest(customers, orders, interactions, report, true);
    }
}
