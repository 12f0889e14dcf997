package prism.store.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Ids in ascending order, kept as one array of their characters: which of them a walk over an index in
 * another order (by name, say) holds is then a binary search, at about two bytes a character and four a
 * customer instead of a string object each.
 */
public final class IdSet {

    private char[] chars = new char[1024];
    private int[] ends = new int[256];
    private int size;

    private IdSet() {
    }

    /** The ids of a stream in ascending order, which it closes. */
    public static IdSet of(IdStreams.IdStream s) throws SQLException {
        IdSet set = new IdSet();
        try (s) {
            for (; s.head() != null; s.next()) {
                set.add(s.head());
            }
        }
        set.chars = Arrays.copyOf(set.chars, set.size == 0 ? 0 : set.ends[set.size - 1]);
        set.ends = Arrays.copyOf(set.ends, set.size);
        return set;
    }

    private void add(String id) {
        int start = size == 0 ? 0 : ends[size - 1];
        if (size > 0 && compare(id, size - 1) <= 0) {
            throw new IllegalArgumentException("ids out of order: " + id);
        }
        if (start + id.length() > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, start + id.length()));
        }
        id.getChars(0, id.length(), chars, start);
        if (size == ends.length) {
            ends = Arrays.copyOf(ends, size * 2);
        }
        ends[size++] = start + id.length();
    }

    public int size() {
        return size;
    }

    /** The k-th id in ascending order. */
    public String get(int k) {
        int start = k == 0 ? 0 : ends[k - 1];
        return new String(chars, start, ends[k] - start);
    }

    /** The ids in ascending order, as a stream. */
    public IdStreams.IdStream stream() {
        return new IdStreams.IdStream() {
            private int at;
            private String head = size > 0 ? get(0) : null;

            @Override
            public String head() {
                return head;
            }

            @Override
            public void next() {
                head = ++at < size ? get(at) : null;
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Ids given in any order, each once, made into an {@link IdSet}: they are sorted a batch at a time into
     * sets of their own, merged at the end, so that no more than a batch of them is ever held as strings.
     */
    public static final class Builder {
        private static final int BATCH = 1 << 16;
        private final List<IdSet> runs = new ArrayList<>();
        private final List<String> batch = new ArrayList<>();
        private long size;

        public void add(String id) {
            batch.add(id);
            size++;
            if (batch.size() == BATCH) {
                flush();
            }
        }

        /** Number of ids added so far. */
        public long size() {
            return size;
        }

        private void flush() {
            if (!batch.isEmpty()) {
                Collections.sort(batch);
                try {
                    runs.add(IdSet.of(IdStreams.of(batch)));
                } catch (SQLException e) {
                    throw new IllegalStateException(e); // a list's stream reads no database
                }
                batch.clear();
            }
        }

        public IdSet build() {
            flush();
            try {
                return runs.size() == 1 ? runs.get(0) : IdSet.of(IdStreams.merge(runs.stream().map(IdSet::stream).toList()));
            } catch (SQLException e) {
                throw new IllegalStateException(e); // sets' streams read no database
            }
        }
    }

    public boolean contains(String id) {
        int lo = 0, hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(id, mid);
            if (c == 0) {
                return true;
            }
            if (c < 0) {
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return false;
    }

    /** {@code id} against the k-th id, as {@link String#compareTo} orders them. */
    private int compare(String id, int k) {
        int start = k == 0 ? 0 : ends[k - 1];
        int len = ends[k] - start;
        int n = Math.min(id.length(), len);
        for (int i = 0; i < n; i++) {
            char a = id.charAt(i), b = chars[start + i];
            if (a != b) {
                return a - b;
            }
        }
        return id.length() - len;
    }
}
