package dev.tollgate.it.webhook;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a benchmark phase's CPU went on this (Linux) machine, from {@code /proc}: this JVM's user and kernel time,
 * every PostgreSQL process's time, the kernel's network interrupts (softirq: loopback TCP is paid there) and what
 * stayed idle. JFR sees only Java frames; on two cores the kernel's share decides as much as the JVM's does.
 * Counters are in USER_HZ ticks (100 per second on Linux).
 */
record MachineCpu(long jvmUser, long jvmSystem, long postgres, long softirq, long idle, long total) {

    private static final double MICROS_PER_TICK = 10_000;

    /** The counters now; all zero where {@code /proc} cannot be read (not Linux). */
    static MachineCpu now() {
        try {
            String[] self = statFields(Files.readString(Path.of("/proc/self/stat")));
            String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < machine.length; i++) {
                total += Long.parseLong(machine[i]); // user nice system idle iowait irq softirq steal
            }
            return new MachineCpu(Long.parseLong(self[11]), Long.parseLong(self[12]), postgresTicks(),
                    Long.parseLong(machine[7]), Long.parseLong(machine[4]), total);
        } catch (IOException | RuntimeException notLinux) {
            return new MachineCpu(0, 0, 0, 0, 0, 0);
        }
    }

    MachineCpu plus(MachineCpu other) {
        return new MachineCpu(jvmUser + other.jvmUser, jvmSystem + other.jvmSystem, postgres + other.postgres,
                softirq + other.softirq, idle + other.idle, total + other.total);
    }

    MachineCpu since(MachineCpu before) {
        return new MachineCpu(jvmUser - before.jvmUser, jvmSystem - before.jvmSystem, postgres - before.postgres,
                softirq - before.softirq, idle - before.idle, total - before.total);
    }

    /** "JVM user 420 + kernel 130 µs, PostgreSQL 300 µs, softirq 80 µs per event; idle 2 %". */
    String perEvent(long events) {
        if (events == 0 || total == 0) {
            return "not measured";
        }
        return String.format(Locale.ROOT, "JVM user %.0f + kernel %.0f µs, PostgreSQL %.0f µs, softirq %.0f µs per event;"
                        + " machine idle %.0f %%", micros(jvmUser, events), micros(jvmSystem, events),
                micros(postgres, events), micros(softirq, events), 100.0 * idle / total);
    }

    private static double micros(long ticks, long events) {
        return ticks * MICROS_PER_TICK / events;
    }

    /** The fields after the command name, which may itself hold spaces: index 11 is utime, 12 stime. */
    private static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    }

    private static long postgresTicks() throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        String[] fields = statFields(stat);
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        }
        return ticks;
    }
}
