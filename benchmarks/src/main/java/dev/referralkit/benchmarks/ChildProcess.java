package dev.referralkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process measured as {@code /usr/bin/time} would, without needing it (Linux only): wall time, CPU
 * time (user + system, this process's {@code cutime + cstime} in {@code /proc/self/stat}, which count the
 * children it waited for) and peak resident set ({@code VmHWM} in {@code /proc/PID/status}, a high-water
 * mark, read every 10 ms while the child runs: what grows in its last 10 ms can be missed).
 */
final class ChildProcess {
    private ChildProcess() {
    }

    /**
     * @param status    the exit status
     * @param wallNanos wall time from start to exit
     * @param cpuNanos  user + system time (10 ms resolution)
     * @param peakRssKb peak resident set in KiB (0 if it could not be read)
     */
    record Measured(int status, long wallNanos, long cpuNanos, long peakRssKb) {
    }

    /** @return this JVM's {@code java} launcher */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs a command to completion, its standard output and error to files.
     *
     * @return what was measured
     */
    static Measured run(List<String> command, Path out, Path err) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        System.gc();
        long c0 = childrenCpuNanos();
        long t0 = System.nanoTime();
        Process p = pb.start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = 0;
        while (!p.waitFor(10, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, highWaterKb(status));
        }
        long wall = System.nanoTime() - t0;
        long cpu = childrenCpuNanos() - c0;
        return new Measured(p.exitValue(), wall, cpu, peak);
    }

    /** @return {@code VmHWM} of a process in KiB, or 0 once it is gone */
    private static long highWaterKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // exited between the wait and the read
        }
        return 0;
    }

    /** User + system time of this process's waited-for children (Linux {@code /proc/self/stat}, 100 ticks a second). */
    private static long childrenCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command come the fields from state (3 in proc(5)) on: cutime (16) and cstime (17) are at 13 and 14
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10_000_000L;
    }
}
