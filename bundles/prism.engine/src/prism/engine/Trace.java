package prism.engine;

import java.lang.management.ManagementFactory;

/**
 * Phase marks on standard error, with the time since the JVM started, when the system property
 * {@code prism.trace} is {@code true} (e.g. {@code PRISM_VMARGS="-Xmx4g -Dprism.trace=true"}): where a
 * command's wall time goes, process start included.
 */
public final class Trace {

    private static final boolean ON = Boolean.getBoolean("prism.trace");

    private Trace() {
    }

    public static boolean on() {
        return ON;
    }

    public static void mark(String phase) {
        if (ON) {
            System.err.printf(java.util.Locale.ROOT, "[trace] %7.3f s %s%n",
                    ManagementFactory.getRuntimeMXBean().getUptime() / 1e3, phase);
        }
    }
}
