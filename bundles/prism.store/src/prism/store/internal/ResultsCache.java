package prism.store.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the last stored runs' base (full) runs hold, as one hash per customer and scheme, kept in a
 * file beside the database: storing the next run compares against it instead of reading millions of
 * rows back. When it is missing or names another base run, the run is simply stored in full.
 */
public final class ResultsCache {

    private static final int FORMAT = 2; // 2: explanations hashed as their UTF-8 bytes

    /** A scheme's base run and, per customer of {@link #ids}, the hash of its row there (0 when absent). */
    public record Base(int run, long[] hashes) {
    }

    private final List<String> ids;
    private final Map<String, Base> bases;

    public ResultsCache(List<String> ids, Map<String, Base> bases) {
        this.ids = ids;
        this.bases = bases;
    }

    public List<String> ids() {
        return ids;
    }

    public Map<String, Base> bases() {
        return bases;
    }

    /**
     * The base run's hashes of {@code scheme} lined up with {@code current} ids (0 for customers it
     * lacks), or empty when the cache does not describe base run {@code run} or the base holds a
     * customer the current run lacks.
     */
    public Optional<long[]> aligned(String scheme, int run, List<String> current) {
        Base b = bases.get(scheme);
        if (b == null || b.run() != run) {
            return Optional.empty();
        }
        if (sameIds(current)) {
            return Optional.of(b.hashes());
        }
        Map<String, Integer> at = new HashMap<>(current.size() * 2);
        for (int i = 0; i < current.size(); i++) {
            at.put(current.get(i), i);
        }
        long[] out = new long[current.size()];
        for (int j = 0; j < ids.size(); j++) {
            if (b.hashes()[j] == 0) {
                continue;
            }
            Integer i = at.get(ids.get(j));
            if (i == null) {
                return Optional.empty(); // a customer of the base is missing now: the run is stored in full
            }
            out[i] = b.hashes()[j];
        }
        return Optional.of(out);
    }

    private boolean sameIds(List<String> current) {
        if (current.size() != ids.size()) {
            return false;
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).equals(current.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The cache in the file when it is intact and its base runs are the database's own (their content
     * tokens, {@code tokenOfRuns}, are what it was sealed with); otherwise it is dropped, with a notice
     * when it was there but not to be trusted.
     */
    public static Optional<ResultsCache> read(Path file, java.util.function.ToLongFunction<java.util.Collection<Integer>> tokenOfRuns,
            java.util.function.Consumer<String> notice) {
        prism.engine.DerivedFiles.Check check = prism.engine.DerivedFiles.check(file);
        if (check.state() == prism.engine.DerivedFiles.State.ABSENT) {
            return Optional.empty();
        }
        Optional<ResultsCache> cache = check.state() == prism.engine.DerivedFiles.State.INTACT ? read(file) : Optional.empty();
        if (cache.isEmpty()) {
            notice.accept("the results cache " + file + " is damaged: dropped; this run is stored in full");
        } else if (tokenOfRuns.applyAsLong(cache.get().baseRuns()) != check.token()) {
            notice.accept("the results cache " + file + " was made from other runs than the database now holds "
                    + "(restored from a backup?): dropped; this run is stored in full");
            cache = Optional.empty();
        }
        if (cache.isEmpty()) {
            prism.engine.DerivedFiles.drop(file);
        }
        return cache;
    }

    /** The runs the cache's hashes are of. */
    public java.util.SortedSet<Integer> baseRuns() {
        java.util.SortedSet<Integer> runs = new java.util.TreeSet<>();
        bases.values().forEach(b -> runs.add(b.run()));
        return runs;
    }

    static Optional<ResultsCache> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != FORMAT) {
                return Optional.empty();
            }
            int n = in.readInt();
            List<String> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(in.readUTF());
            }
            int schemes = in.readInt();
            Map<String, Base> bases = new LinkedHashMap<>();
            for (int s = 0; s < schemes; s++) {
                String id = in.readUTF();
                int run = in.readInt();
                long[] h = new long[n];
                for (int i = 0; i < n; i++) {
                    h[i] = in.readLong();
                }
                bases.put(id, new Base(run, h));
            }
            return Optional.of(new ResultsCache(ids, bases));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the cache, sealed with the content token of its base runs. */
    public void write(Path file, long token) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(FORMAT);
            out.writeInt(ids.size());
            for (String id : ids) {
                out.writeUTF(id);
            }
            out.writeInt(bases.size());
            for (Map.Entry<String, Base> e : bases.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().run());
                for (long h : e.getValue().hashes()) {
                    out.writeLong(h);
                }
            }
        }
        prism.engine.DerivedFiles.seal(tmp, file, token);
    }

    /**
     * A 64-bit FNV-1a hash of a row's class, score and explanation (as stored, in UTF-8: no String made for
     * it); never 0 (0 means "no row").
     */
    public static long hash(String classId, double score, byte[] explanation) {
        return explanation == null ? hash(classId, score, null, 0) : hash(classId, score, explanation, explanation.length);
    }

    /** As {@link #hash(String, double, byte[])} for the first {@code length} bytes of {@code explanation}. */
    public static long hash(String classId, double score, byte[] explanation, int length) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, classId);
        h = (h ^ Double.doubleToLongBits(score)) * 0x100000001b3L;
        if (explanation == null) {
            return (h ^ 0xff) * 0x100000001b3L | 1;
        }
        for (int i = 0; i < length; i++) {
            h = (h ^ (explanation[i] & 0xff)) * 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    private static long mix(long h, String s) {
        if (s == null) {
            return (h ^ 0xff) * 0x100000001b3L;
        }
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return (h ^ 0xfe) * 0x100000001b3L; // a separator, so that ("ab","c") and ("a","bc") differ
    }
}
