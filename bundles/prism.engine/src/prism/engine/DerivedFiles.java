package prism.engine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;

/**
 * Checksums of the files kept beside a database (column snapshot, facts and results caches): each file
 * has a sidecar {@code FILE.sum} with its size and a CRC-32C per block of 1 MiB. A file is trusted only
 * when its sidecar matches, so a truncated, zeroed or edited file is never read into wrong classes; it
 * is dropped and rebuilt from the database. The sidecar also holds a token of the database's content the
 * file was made from (random numbers the store writes with each import and run): a file beside a database
 * folder restored from a backup does not match the restored content, and is rebuilt too. The sidecar is
 * written before the file is moved into place and moved after it: a crash between the two leaves a
 * mismatch, that is, a rebuild, never a wrong read.
 */
public final class DerivedFiles {

    /** What a check found. */
    public enum State {
        /** No file (nothing to say: it is built when needed). */
        ABSENT,
        /** The file matches its checksums. */
        INTACT,
        /** The file or its checksums are damaged, missing or from another file. */
        DAMAGED
    }

    /** A check's finding, and the content token the file was sealed with. */
    public record Check(State state, long token) {
    }

    private static final int MAGIC = 0x50534D31; // "PSM1"
    private static final int BLOCK = 1 << 20;

    private DerivedFiles() {
    }

    /** The sidecar of a derived file. */
    public static Path sumFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".sum");
    }

    /**
     * Writes {@code tmp}'s checksums for {@code target} and moves {@code tmp} onto {@code target}: the
     * last step of writing any derived file.
     */
    public static void seal(Path tmp, Path target, long token) throws IOException {
        int[] crcs = checksums(tmp);
        long size = Files.size(tmp);
        Path sum = sumFile(target);
        Path sumTmp = sum.resolveSibling(sum.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(sumTmp))) {
            out.writeInt(MAGIC);
            out.writeLong(token);
            out.writeLong(size);
            out.writeInt(crcs.length);
            for (int c : crcs) {
                out.writeInt(c);
            }
        }
        moveIntoPlace(tmp, target);
        moveIntoPlace(sumTmp, sum);
    }

    /** Checks a derived file against its sidecar. */
    public static Check check(Path file) {
        if (!Files.exists(file)) {
            return new Check(State.ABSENT, 0);
        }
        if (!Files.exists(sumFile(file))) { // written before files had checksums (or by hand): rebuilt quietly
            drop(file);
            return new Check(State.ABSENT, 0);
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(sumFile(file)))) {
            if (in.readInt() != MAGIC) {
                return new Check(State.DAMAGED, 0);
            }
            long token = in.readLong();
            if (in.readLong() != Files.size(file)) {
                return new Check(State.DAMAGED, token);
            }
            int n = in.readInt();
            int[] want = new int[n];
            for (int i = 0; i < n; i++) {
                want[i] = in.readInt();
            }
            return new Check(java.util.Arrays.equals(want, checksums(file)) ? State.INTACT : State.DAMAGED, token);
        } catch (IOException | RuntimeException e) {
            return new Check(State.DAMAGED, 0);
        }
    }

    /** Removes a derived file and its sidecar (a damaged one, or one that no longer belongs to its database). */
    public static void drop(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(sumFile(file));
        } catch (IOException e) {
            // left behind, it is checked again and never trusted
        }
    }

    /** Each block's CRC-32C, the blocks mapped (ten times faster than reading them into buffers) and summed in parallel. */
    private static int[] checksums(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int blocks = (int) ((size + BLOCK - 1) / BLOCK);
            int[] crcs = new int[blocks];
            IntStream.range(0, blocks).parallel().forEach(b -> {
                long at = (long) b * BLOCK;
                ByteBuffer block;
                try {
                    block = ch.map(FileChannel.MapMode.READ_ONLY, at, Math.min(BLOCK, size - at));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                CRC32C crc = new CRC32C();
                crc.update(block);
                crcs[b] = (int) crc.getValue();
            });
            return crcs;
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Moves a file written aside onto its name, atomically where the file system can. */
    public static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
