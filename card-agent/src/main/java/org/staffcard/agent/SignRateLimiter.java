package org.staffcard.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most a given number of signature requests in any 60 seconds. Each request opens a PIN window, so a page that
 * loops would otherwise bury the user in windows until one is confirmed by mistake.
 */
final class SignRateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();

    SignRateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    synchronized void acquire() throws RateLimitedException {
        Instant now = clock.instant();
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
            recent.removeFirst();
        }
        if (recent.size() >= perMinute) {
            throw new RateLimitedException("more than " + perMinute + " signature requests in a minute");
        }
        recent.addLast(now);
    }
}
