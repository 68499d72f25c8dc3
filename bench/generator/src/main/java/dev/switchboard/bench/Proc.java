package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Linux says of a process: CPU time (user and system apart), resident memory, a JVM's heap. */
final class Proc {

    /** Clock ticks per second of /proc/PID/stat (getconf CLK_TCK; 100 on Linux x86_64). */
    static final long TICKS_PER_SECOND = 100;

    /** CPU time used so far, in microseconds. */
    record Cpu(long userMicros, long systemMicros) {
        Cpu minus(Cpu before) {
            return new Cpu(userMicros - before.userMicros, systemMicros - before.systemMicros);
        }

        long totalMicros() {
            return userMicros + systemMicros;
        }
    }

    private Proc() {
    }

    static Cpu cpu(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // fields after the command name, which is in parentheses and may hold spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long micros = 1_000_000 / TICKS_PER_SECOND;
        return new Cpu(Long.parseLong(fields[11]) * micros, Long.parseLong(fields[12]) * micros);
    }

    static Cpu self() {
        return cpu(ProcessHandle.current().pid());
    }

    static long rssKib(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** The heap in use after a full GC, in KiB, of a JVM (jcmd); -1 when the process is no JVM. */
    static long heapUsedKibAfterGc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd) || !read(Path.of("/proc", Long.toString(pid), "cmdline")).contains("java")) {
            return -1;
        }
        run(List.of(jcmd.toString(), Long.toString(pid), "GC.run"));
        String info = run(List.of(jcmd.toString(), Long.toString(pid), "GC.heap_info"));
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path).replace('\0', ' ');
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": is the server's PID right?", e);
        }
    }
}
