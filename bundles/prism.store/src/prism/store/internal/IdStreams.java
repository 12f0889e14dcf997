package prism.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Customer ids read one at a time from runs' stored class orders ({@link ClassOrder}), combined without
 * holding them: a class's range is in id order, so the customers of several classes are a merge, those
 * that match several filters an intersection, and a sort by a class the ranges one after another.
 */
public final class IdStreams {

    private IdStreams() {
    }

    /** Ids one after another; {@link #head()} is null once they are all read. */
    public interface IdStream extends AutoCloseable {
        String head();

        void next() throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /** Positions [from, to) of a run's order by its class in {@code scheme}, a chunk read at a time. */
    public static IdStream range(Connection c, int run, String scheme, long from, long to) throws SQLException {
        return new ClassOrder.Cursor(c, run, scheme, from, to);
    }

    /** The ids of a list in id order (ascending, as {@link String#compareTo} orders them). */
    public static IdStream of(List<String> ids) {
        return new IdStream() {
            private int at;

            @Override
            public String head() {
                return at < ids.size() ? ids.get(at) : null;
            }

            @Override
            public void next() {
                at++;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Streams in id order merged into one in id order (each id is in at most one of them: classes of one scheme). */
    public static IdStream merge(List<IdStream> streams) {
        PriorityQueue<IdStream> heads = new PriorityQueue<>((a, b) -> a.head().compareTo(b.head()));
        for (IdStream s : streams) {
            if (s.head() != null) {
                heads.add(s);
            }
        }
        return new IdStream() {
            @Override
            public String head() {
                return heads.isEmpty() ? null : heads.peek().head();
            }

            @Override
            public void next() throws SQLException {
                IdStream s = heads.poll();
                s.next();
                if (s.head() != null) {
                    heads.add(s);
                }
            }

            @Override
            public void close() throws SQLException {
                closeAll(streams);
            }
        };
    }

    /** The ids that every one of these streams in id order holds, in id order. */
    public static IdStream intersect(List<IdStream> streams) throws SQLException {
        return new Intersection(streams);
    }

    private static final class Intersection implements IdStream {
        private final List<IdStream> streams;
        private String head;

        Intersection(List<IdStream> streams) throws SQLException {
            this.streams = streams;
            settle();
        }

        /** Steps every stream to the first id they all hold, or leaves the head null when one ends. */
        private void settle() throws SQLException {
            head = null;
            while (true) {
                String max = null;
                for (IdStream s : streams) {
                    if (s.head() == null) {
                        return;
                    }
                    if (max == null || s.head().compareTo(max) > 0) {
                        max = s.head();
                    }
                }
                boolean same = true;
                for (IdStream s : streams) {
                    while (s.head() != null && s.head().compareTo(max) < 0) {
                        s.next();
                    }
                    if (s.head() == null) {
                        return;
                    }
                    same &= s.head().equals(max);
                }
                if (same) {
                    head = max;
                    return;
                }
            }
        }

        @Override
        public String head() {
            return head;
        }

        @Override
        public void next() throws SQLException {
            for (IdStream s : streams) {
                s.next();
            }
            settle();
        }

        @Override
        public void close() throws SQLException {
            closeAll(streams);
        }
    }

    /** An opened stream from each of these, one after another: a stream is opened when the one before has ended. */
    public static IdStream concat(List<Opener> openers) throws SQLException {
        return new IdStream() {
            private int at = -1;
            private IdStream current;

            {
                advance();
            }

            private void advance() throws SQLException {
                while ((current == null || current.head() == null) && at + 1 < openers.size()) {
                    if (current != null) {
                        current.close();
                    }
                    current = openers.get(++at).open();
                }
            }

            @Override
            public String head() {
                return current == null ? null : current.head();
            }

            @Override
            public void next() throws SQLException {
                current.next();
                advance();
            }

            @Override
            public void close() throws SQLException {
                if (current != null) {
                    current.close();
                }
            }
        };
    }

    /** Opens a stream when it is wanted. */
    @FunctionalInterface
    public interface Opener {
        IdStream open() throws SQLException;
    }

    /** Positions [from, to) of a stream: the ids after skipping {@code from}, up to {@code to}. Closes it. */
    public static List<String> slice(IdStream s, long from, long to) throws SQLException {
        List<String> out = new ArrayList<>();
        try (s) {
            for (long pos = 0; pos < to && s.head() != null; pos++) {
                if (pos >= from) {
                    out.add(s.head());
                }
                s.next();
            }
        }
        return out;
    }

    /** How many ids a stream holds. Closes it. */
    public static long count(IdStream s) throws SQLException {
        long n = 0;
        try (s) {
            for (; s.head() != null; s.next()) {
                n++;
            }
        }
        return n;
    }

    private static void closeAll(List<IdStream> streams) throws SQLException {
        SQLException first = null;
        for (IdStream s : streams) {
            try {
                s.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
