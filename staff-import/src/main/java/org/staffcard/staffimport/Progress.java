package org.staffcard.staffimport;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines on standard error, so the report on standard output stays clean for a file or a pipe: at most one
 * line a second while work goes on, and always the last one.
 */
final class Progress {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private long started;
    private long lastPrinted;

    Progress(PrintStream err) {
        this.err = err;
    }

    void start() {
        started = System.nanoTime();
        lastPrinted = 0;
    }

    void step(String what, int done, int total) {
        long now = System.nanoTime();
        if (done < total && now - lastPrinted < INTERVAL_NANOS) {
            return;
        }
        lastPrinted = now;
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        err.printf(Locale.ROOT, "%s: %d of %d (%.0f/s, %.1f s)%n", what, done, total, done / seconds, seconds);
    }

    void say(String line) {
        err.println(line);
    }
}
