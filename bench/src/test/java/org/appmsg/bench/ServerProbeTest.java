package org.appmsg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a process's CPU time and RSS from /proc, and the server's heap from /metrics. */
class ServerProbeTest {

    @TempDir
    Path proc;

    @Test
    void cpu_time_is_utime_plus_stime_counted_after_a_command_name_with_spaces_and_parentheses() {
        // fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java (a b)) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 566 0 0 20 0 40 0 99 0 0\n";
        assertThat(ServerProbe.cpuMicros(stat, 100)).isEqualTo(18_000_000L); // 1,800 ticks of 10 ms
        assertThat(ServerProbe.cpuMicros(stat, 1000)).isEqualTo(1_800_000L);
    }

    @Test
    void reads_a_process_directory_and_gives_null_for_what_is_missing() throws Exception {
        Files.writeString(proc.resolve("stat"), "7 (appmsg) R 1 7 7 0 -1 0 0 0 0 0 250 50 0 0 20 0 1 0 5 0 0\n");
        Files.writeString(proc.resolve("status"), "Name:\tjava\nVmPeak:\t 9999 kB\nVmRSS:\t  524288 kB\nThreads:\t40\n");
        ServerProbe probe = new ServerProbe(proc, 100);
        assertThat(probe.cpuMicros()).isEqualTo(3_000_000L);
        assertThat(probe.rssMb()).isEqualTo(512L);

        ServerProbe gone = new ServerProbe(proc.resolve("no-such-pid"), 100);
        assertThat(gone.cpuMicros()).isNull();
        assertThat(gone.rssMb()).isNull();
    }

    @Test
    void the_probe_of_this_process_reads_real_figures() {
        ServerProbe self = ServerProbe.of("self", 100);
        if (Files.isReadable(Path.of("/proc/self/stat"))) {
            assertThat(self.cpuMicros()).isPositive();
            assertThat(self.rssMb()).isPositive();
        }
    }

    @Test
    void heap_comes_from_the_prometheus_text_or_is_unknown() {
        String metrics = "# TYPE jvm_memory_heap_used_bytes gauge\njvm_memory_heap_used_bytes 1.9922944E8\n"
                + "process_resident_memory_bytes 4.1E8\n";
        assertThat(ServerProbe.heapMb(metrics)).isEqualTo(190L);
        assertThat(ServerProbe.heapMb("jvm_memory_heap_used_bytes{area=\"heap\"} 1048576\n")).isEqualTo(1L);
        assertThat(ServerProbe.heapMb("something_else 1\n")).isNull();
    }
}
