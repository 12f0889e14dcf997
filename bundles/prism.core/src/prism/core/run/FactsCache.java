package prism.core.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import prism.core.facts.Facts;
import prism.core.facts.FactsCodec;

/**
 * Every customer's facts for one as-of date, saved after a run with the number of the last import they
 * saw, so that the next run for the same date recomputes only the customers imported since.
 */
public final class FactsCache {

    private static final int FORMAT = 1;

    /** The facts of all customers for {@code asOf}, valid up to import number {@code importSeq}. */
    public record Snapshot(LocalDate asOf, long importSeq, List<Facts> facts) {
    }

    private FactsCache() {
    }

    /** The snapshot in the file, or empty when there is none or it cannot be read (then a full run rebuilds it). */
    public static Optional<Snapshot> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != FORMAT) {
                return Optional.empty();
            }
            LocalDate asOf = LocalDate.ofEpochDay(in.readLong());
            long seq = in.readLong();
            int n = in.readInt();
            List<Facts> facts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                facts.add(FactsCodec.read(in));
            }
            return Optional.of(new Snapshot(asOf, seq, facts));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the snapshot (to a temporary file first, so a crash never leaves half a cache). */
    public static void write(Path file, Snapshot s) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(FORMAT);
            out.writeLong(s.asOf().toEpochDay());
            out.writeLong(s.importSeq());
            out.writeInt(s.facts().size());
            for (Facts f : s.facts()) {
                FactsCodec.write(out, f);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The cached facts with the changed customers' fresh facts in place (new customers added), sorted by id. */
    public static List<Facts> merge(List<Facts> cached, List<Facts> changed) {
        Map<String, Facts> byId = new HashMap<>(cached.size() * 2);
        for (Facts f : cached) {
            byId.put(f.customer().id(), f);
        }
        for (Facts f : changed) {
            byId.put(f.customer().id(), f);
        }
        List<Facts> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(f -> f.customer().id()));
        return all;
    }
}
