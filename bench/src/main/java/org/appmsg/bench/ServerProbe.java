package org.appmsg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the open-loop tool reads about a process on this machine: its CPU time so far (user + system, from
 * {@code /proc/<pid>/stat}), its resident set ({@code VmRSS} of {@code /proc/<pid>/status}) and, for the server,
 * its heap in use from {@code /metrics}. Unknown figures are null (no pid given, a process gone, metrics that
 * another build does not publish), never a guess.
 */
final class ServerProbe {

    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_heap_used_bytes(?:\\{[^}]*})? ([0-9.eE+]+)");
    private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");

    private final Path proc;
    private final long clockTicks;

    /** @param clockTicks the kernel's clock ticks per second ({@code getconf CLK_TCK}, 100 on Linux/x86) */
    ServerProbe(Path procDirectory, long clockTicks) {
        this.proc = procDirectory;
        this.clockTicks = clockTicks;
    }

    /** The probe of process {@code pid} ("self" for this one). */
    static ServerProbe of(String pid, long clockTicks) {
        return new ServerProbe(Path.of("/proc", pid), clockTicks);
    }

    /** CPU time (user + system) used so far, in microseconds; null when the process cannot be read. */
    Long cpuMicros() {
        try {
            return cpuMicros(Files.readString(proc.resolve("stat")), clockTicks);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Resident set in MB; null when the process cannot be read. */
    Long rssMb() {
        try {
            Matcher m = RSS.matcher(Files.readString(proc.resolve("status")));
            return m.find() ? Long.parseLong(m.group(1)) >> 10 : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * utime + stime of a {@code /proc/<pid>/stat} line, in microseconds: fields 14 and 15, counted after the
     * command name, which is in parentheses and may itself hold spaces and parentheses.
     */
    static long cpuMicros(String statLine, long clockTicks) {
        String[] after = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
        // after[0] is field 3 (state): utime is field 14, stime field 15
        long ticks = Long.parseLong(after[11]) + Long.parseLong(after[12]);
        return ticks * 1_000_000L / clockTicks;
    }

    /** The heap in use, in MB, from a Prometheus {@code /metrics} text; null when it has none. */
    static Long heapMb(String metrics) {
        Matcher m = HEAP.matcher(metrics);
        return m.find() ? ((long) Double.parseDouble(m.group(1))) >> 20 : null;
    }
}
