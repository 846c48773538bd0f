package org.staffcard.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * Decides which refused requests (bad origin, bad host) are logged one by one. Any local process or web page can
 * send refused requests as fast as it likes; a warning for each would fill the rotating log files and push out the
 * lines an admin needs. So per origin only the first refusal in a minute is a warning; later ones are counted and
 * summarised in one info line when that minute is over. At most {@link #MAX_ORIGINS} origins are followed per minute,
 * so a flood of ever new origin values shares one count instead of a warning each.
 */
final class RefusalLog {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ORIGINS = 16;

    static final String OTHER_ORIGINS = "(other origins)";

    /** One line to write: its level and text. */
    record Line(Level level, String text) {
    }

    private final Clock clock;
    private final Map<String, Window> windows = new LinkedHashMap<>();

    RefusalLog(Clock clock) {
        this.clock = clock;
    }

    /** The lines to log for one refused request; {@code detail} describes it and is logged only when warned. */
    synchronized List<Line> refused(String origin, String detail) {
        Instant now = clock.instant();
        List<Line> lines = new ArrayList<>(summariesDue(now));

        String key = windows.containsKey(origin) || windows.size() < MAX_ORIGINS ? origin : OTHER_ORIGINS;
        Window window = windows.get(key);
        if (window == null) {
            windows.put(key, new Window(now));
            lines.add(new Line(Level.WARNING, detail + " (further refusals for this origin within a minute are "
                    + "counted, not logged one by one)"));
        } else {
            window.suppressed++;
        }
        return lines;
    }

    /** Summaries of the minutes that are over, for a caller that logs them without a new refusal. */
    synchronized List<Line> summariesDue() {
        return summariesDue(clock.instant());
    }

    private List<Line> summariesDue(Instant now) {
        List<Line> lines = new ArrayList<>();
        Iterator<Map.Entry<String, Window>> entries = windows.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Window> entry = entries.next();
            Window window = entry.getValue();
            if (now.isBefore(window.start.plus(WINDOW))) {
                continue;
            }
            if (window.suppressed > 0) {
                lines.add(new Line(Level.INFO, "Refused " + window.suppressed + " more requests from origin '"
                        + entry.getKey() + "' in the minute after " + window.start));
            }
            entries.remove();
        }
        return lines;
    }

    private static final class Window {

        private final Instant start;
        private long suppressed;

        Window(Instant start) {
            this.start = start;
        }
    }
}
