package prism.store.internal;

import java.sql.SQLException;
import java.util.Arrays;

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
