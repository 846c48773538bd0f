package org.staffcard.agent;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalLogTest {

    private static final Instant START = Instant.parse("2026-04-01T09:00:00Z");

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {

        private Instant now = START;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void onlyTheFirstRefusalPerOriginInAMinuteIsAWarning() {
        RefusalLog log = new RefusalLog(new HandClock());

        List<RefusalLog.Line> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.addAll(log.refused("https://evil.example", "Refused request " + i));
        }

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).level()).isEqualTo(Level.WARNING);
        assertThat(lines.get(0).text()).startsWith("Refused request 0");
    }

    @Test
    void theCountedRefusalsAreSummarisedOnceTheMinuteIsOver() {
        HandClock clock = new HandClock();
        RefusalLog log = new RefusalLog(clock);
        for (int i = 0; i < 41; i++) {
            log.refused("https://evil.example", "Refused request " + i);
        }

        clock.now = START.plusSeconds(59);
        assertThat(log.summariesDue()).isEmpty();
        clock.now = START.plusSeconds(60);
        List<RefusalLog.Line> summary = log.summariesDue();

        assertThat(summary).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(Level.INFO);
            assertThat(line.text()).contains("40 more").contains("https://evil.example");
        });
        assertThat(log.summariesDue()).isEmpty();
    }

    @Test
    void aNewMinuteWarnsAgainForTheSameOrigin() {
        HandClock clock = new HandClock();
        RefusalLog log = new RefusalLog(clock);
        log.refused("https://evil.example", "first");

        clock.now = START.plusSeconds(61);
        List<RefusalLog.Line> lines = log.refused("https://evil.example", "second");

        assertThat(lines).extracting(RefusalLog.Line::level).containsExactly(Level.WARNING);
        assertThat(lines.get(0).text()).startsWith("second");
    }

    @Test
    void eachOriginGetsItsOwnFirstWarning() {
        RefusalLog log = new RefusalLog(new HandClock());

        List<RefusalLog.Line> first = log.refused("https://a.example", "from a");
        List<RefusalLog.Line> second = log.refused("https://b.example", "from b");

        assertThat(first).extracting(RefusalLog.Line::level).containsExactly(Level.WARNING);
        assertThat(second).extracting(RefusalLog.Line::level).containsExactly(Level.WARNING);
    }

    @Test
    void everNewOriginsShareOneCountBeyondTheLimit() {
        RefusalLog log = new RefusalLog(new HandClock());

        long warnings = 0;
        for (int i = 0; i < 1000; i++) {
            warnings += log.refused("https://x" + i + ".example", "from " + i).stream()
                    .filter(line -> line.level() == Level.WARNING).count();
        }

        assertThat(warnings).isEqualTo(RefusalLog.MAX_ORIGINS + 1);
    }
}
