package org.staffcard.agent;

import java.time.Duration;

/**
 * Bounds of the page's card-event streams. Each open stream holds one of the agent's threads, so their number is
 * capped; each ends after {@code maxLife} and the browser's EventSource reconnects by itself, so a forgotten tab
 * never holds a thread for good. The heartbeat comment lets the agent notice a page that has gone away.
 */
record EventStreamLimits(int maxStreams, Duration heartbeat, Duration maxLife, Duration pollInterval) {

    static final EventStreamLimits DEFAULT = new EventStreamLimits(4, Duration.ofSeconds(15), Duration.ofMinutes(10),
            Duration.ofMillis(300));
}
