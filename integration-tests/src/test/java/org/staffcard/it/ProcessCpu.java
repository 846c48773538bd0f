package org.staffcard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time a Linux process has used so far, read from {@code /proc/<pid>/stat} (user plus system time, all
 * threads), and the machine's busy and total time from {@code /proc/stat}.
 */
final class ProcessCpu {

    /** Linux reports these times in clock ticks of 1/100 s on every architecture the JDK runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** User plus system CPU time of process {@code pid}. */
    static Duration used(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name in parentheses may hold spaces, so fields are counted from the closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return ticks(utime + stime);
    }

    /** CPU time of all processes in {@code pids}. */
    static Duration used(List<Long> pids) {
        return pids.stream().map(ProcessCpu::used).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * CPU time so far of every PostgreSQL backend serving {@code database}, by process id. A backend shows
     * "postgres: user database client state" as its command line, which is how the database's share is found.
     */
    static Map<Long, Duration> usedByDatabaseBackends(String database) {
        Map<Long, Duration> used = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(dir -> {
                        try {
                            String commandLine = Files.readString(dir.resolve("cmdline")).replace('\0', ' ');
                            if (commandLine.startsWith("postgres: ") && commandLine.contains(" " + database + " ")) {
                                long pid = Long.parseLong(dir.getFileName().toString());
                                used.put(pid, used(pid));
                            }
                        } catch (IOException | UncheckedIOException e) {
                            // The process ended while being looked at; it no longer counts.
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return used;
    }

    /**
     * CPU time used between two readings of {@link #usedByDatabaseBackends}: a process that started in between counts
     * from zero; one that ended in between is missed, which pooled database connections rarely do.
     */
    static Duration usedBetween(Map<Long, Duration> before, Map<Long, Duration> after) {
        return after.entrySet().stream()
                .map(e -> e.getValue().minus(before.getOrDefault(e.getKey(), Duration.ZERO)))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The machine's CPU time so far: busy (everything but idle and waiting for I/O) and total, all cores. */
    static MachineTime machine() {
        String[] fields = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new MachineTime(ticks(total - idle), ticks(total));
    }

    /** The first number of {@code /proc/loadavg}: the load average over the last minute. */
    static String loadAverage() {
        return read(Path.of("/proc/loadavg")).split("\\s+")[0];
    }

    private static Duration ticks(long ticks) {
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Machine CPU time, summed over all cores. */
    record MachineTime(Duration busy, Duration total) {

        /** The share of the machine's CPU that was busy between {@code earlier} and this reading. */
        double busyShareSince(MachineTime earlier) {
            long total = this.total.minus(earlier.total).toMillis();
            return total == 0 ? 0 : (double) busy.minus(earlier.busy).toMillis() / total;
        }
    }
}
