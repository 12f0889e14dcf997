package prism.scheme.predictive.internal;

import java.util.stream.IntStream;

/** Sums over a range in a fixed number of chunks, in parallel; the chunks' sums are added in order. */
final class Chunks {

    /** Adds one chunk's terms, {@code [from, to)}, into {@code out}. */
    interface Terms {
        void add(int from, int to, double[] out);
    }

    /** Fixed, not the number of cores: the same input gives the same floating-point sums on every machine. */
    private static final int CHUNKS = 16;
    /** Below this a range is summed on the calling thread. */
    private static final int PARALLEL = 20_000;

    private Chunks() {
    }

    static double[] sum(int size, int width, Terms terms) {
        double[][] part = new double[CHUNKS][width];
        IntStream chunks = IntStream.range(0, CHUNKS);
        (size < PARALLEL ? chunks : chunks.parallel())
                .forEach(k -> terms.add((int) ((long) size * k / CHUNKS), (int) ((long) size * (k + 1) / CHUNKS), part[k]));
        double[] total = new double[width];
        for (double[] p : part) {
            for (int j = 0; j < width; j++) {
                total[j] += p[j];
            }
        }
        return total;
    }
}
