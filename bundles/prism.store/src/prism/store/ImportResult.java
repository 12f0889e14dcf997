package prism.store;

/** What an import did, per file: rows inserted, rows updated (same id already stored), rows rejected. */
public record ImportResult(Counts customers, Counts orders, Counts interactions) {

    public record Counts(long inserted, long updated, long rejected) {
        public long total() {
            return inserted + updated;
        }
    }
}
