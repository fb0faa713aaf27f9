package dk.consenthub.reconcile;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/** How long each phase of a reconcile run took, wall and CPU, for the run's log line. */
final class PhaseTimer {

    private final Map<String, String> millis = new LinkedHashMap<>();
    private long phaseStart;
    private long phaseCpuStart;

    /** Starts the phase clocks on the thread that works the run. */
    void begin() {
        phaseStart = System.nanoTime();
        phaseCpuStart = cpuNanos();
    }

    /** Wall and CPU milliseconds of the phase that just ended (the run's thread: the vendors' time is not in it). */
    void phaseDone(String phase) {
        long now = System.nanoTime();
        long cpu = cpuNanos();
        millis.put(phase, (now - phaseStart) / 1_000_000 + " (cpu " + (cpu - phaseCpuStart) / 1_000_000 + ")");
        phaseStart = now;
        phaseCpuStart = cpu;
    }

    Map<String, String> millis() {
        return millis;
    }

    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }
}
