package io.groundstation.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and peak resident memory of another process on this Linux host, from /proc. */
public record ProcUsage(long pid, long cpuTicks, long peakRssKiB) {

    /** USER_HZ; 100 on every Linux architecture the JVM runs on, and /proc reports in it. */
    static final double TICKS_PER_SECOND = 100.0;

    public static ProcUsage read(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            return new ProcUsage(pid, cpuTicks(Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII)),
                    peakRssKiB(Files.readAllLines(dir.resolve("status"), StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc for pid " + pid, e);
        }
    }

    /** utime + stime: fields 14 and 15, counted after the command name, which may itself hold spaces and ')'. */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state)
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    static long peakRssKiB(Iterable<String> status) {
        for (String line : status) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no VmHWM line");
    }

    public double cpuSecondsSince(ProcUsage earlier) {
        return (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND;
    }
}
