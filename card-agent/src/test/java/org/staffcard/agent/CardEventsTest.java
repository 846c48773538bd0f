package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.virtualcard.DemoCard;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CardEventsTest {

    /** Generous bounds for a busy build machine; the agent's own pace is measured in the benchmark, not here. */
    private static final long WAIT_MILLIS = 5000;

    private static final EventStreamLimits QUICK = new EventStreamLimits(2, Duration.ofSeconds(15),
            Duration.ofMinutes(10), Duration.ofMillis(50));

    @Test
    void streamStartsWithTheCurrentStateAndTheCorsHeaderForTheExactOrigin() throws Exception {
        try (AgentRig rig = AgentRig.withLimits(QUICK);
             EventStreamClient events = new EventStreamClient(rig.uri(AgentHttpServer.EVENTS_PATH), AgentRig.ORIGIN)) {

            assertThat(events.response.statusCode()).isEqualTo(200);
            assertThat(events.response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(events.response.headers().firstValue("Access-Control-Allow-Origin")).contains(AgentRig.ORIGIN);
            assertThat(events.dataOf("status", WAIT_MILLIS)).isEqualTo("data: {\"state\":\"READY\"}");
        }
    }

    @Test
    void pushesCardRemovedWithTheStateOnly() throws Exception {
        try (AgentRig rig = AgentRig.withLimits(QUICK);
             EventStreamClient events = new EventStreamClient(rig.uri(AgentHttpServer.EVENTS_PATH), AgentRig.ORIGIN)) {
            events.dataOf("status", WAIT_MILLIS);
            // Let the monitor take its first look with the card in place.
            Thread.sleep(200);

            rig.terminals.remove(AgentRig.READER);

            assertThat(events.dataOf("card-removed", WAIT_MILLIS)).isEqualTo("data: {\"state\":\"NO_CARD\"}");
        }
    }

    @Test
    void pushesCardInsertedWhenACardIsPutBack() throws Exception {
        try (AgentRig rig = AgentRig.withLimits(QUICK);
             EventStreamClient events = new EventStreamClient(rig.uri(AgentHttpServer.EVENTS_PATH), AgentRig.ORIGIN)) {
            events.dataOf("status", WAIT_MILLIS);
            Thread.sleep(200);
            rig.terminals.remove(AgentRig.READER);
            events.dataOf("card-removed", WAIT_MILLIS);

            rig.terminals.insert(AgentRig.READER, DemoCard.newCard());

            assertThat(events.dataOf("card-inserted", WAIT_MILLIS)).isEqualTo("data: {\"state\":\"READY\"}");
        }
    }

    @Test
    void announcesACardRemovedRightAfterTheStreamOpened() throws Exception {
        EventStreamLimits slowLooks = new EventStreamLimits(2, Duration.ofSeconds(15), Duration.ofMinutes(10),
                Duration.ofMillis(500));
        try (AgentRig rig = AgentRig.withLimits(slowLooks);
             EventStreamClient events = new EventStreamClient(rig.uri(AgentHttpServer.EVENTS_PATH), AgentRig.ORIGIN)) {
            events.dataOf("status", WAIT_MILLIS);

            rig.terminals.remove(AgentRig.READER);

            assertThat(events.dataOf("card-removed", WAIT_MILLIS)).isEqualTo("data: {\"state\":\"NO_CARD\"}");
        }
    }

    @Test
    void pushesReaderChangedWhenAReaderIsPlugged() throws Exception {
        try (AgentRig rig = AgentRig.withLimits(QUICK);
             EventStreamClient events = new EventStreamClient(rig.uri(AgentHttpServer.EVENTS_PATH), AgentRig.ORIGIN)) {
            events.dataOf("status", WAIT_MILLIS);
            Thread.sleep(200);

            rig.terminals.addTerminal("Second reader");

            assertThat(events.dataOf("reader-changed", WAIT_MILLIS)).isEqualTo("data: {\"state\":\"READY\"}");
        }
    }

    @Test
    void refusesAStreamToAForeignOriginBeforeLookingAtTheReaders() throws Exception {
        try (AgentRig rig = AgentRig.withLimits(QUICK)) {
            String answer = rig.raw("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1:" + rig.agent.port()
                    + "\r\nOrigin: https://evil.example\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 403").contains("ORIGIN_NOT_ALLOWED")
                    .doesNotContain("Access-Control-Allow-Origin");
            assertThat(rig.counting.lookups()).isZero();
        }
    }

    @Test
    void refusesAStreamWithARebindingHost() throws Exception {
        try (AgentRig rig = AgentRig.withLimits(QUICK)) {
            String answer = rig.raw("GET /v1/events HTTP/1.1\r\nHost: rebound.attacker.example:" + rig.agent.port()
                    + "\r\nOrigin: " + AgentRig.ORIGIN + "\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 403").contains("HOST_NOT_ALLOWED");
        }
    }

    @Test
    void refusesAStreamBeyondTheCapWithBusy() throws Exception {
        try (AgentRig rig = AgentRig.withLimits(QUICK);
             EventStreamClient first = new EventStreamClient(rig.uri(AgentHttpServer.EVENTS_PATH), AgentRig.ORIGIN);
             EventStreamClient second = new EventStreamClient(rig.uri(AgentHttpServer.EVENTS_PATH), AgentRig.ORIGIN)) {
            first.dataOf("status", WAIT_MILLIS);
            second.dataOf("status", WAIT_MILLIS);

            HttpResponse<String> third = rig.get(AgentHttpServer.EVENTS_PATH, AgentRig.ORIGIN);

            assertThat(third.statusCode()).isEqualTo(409);
            assertThat(third.body()).contains("\"error\":\"BUSY\"");
            assertThat(rig.status(AgentRig.ORIGIN).statusCode()).as("status still answers").isEqualTo(200);
        }
    }

    @Test
    void endsAStreamAtItsMaximumLifeAndFreesItsPlace() throws Exception {
        EventStreamLimits shortLived = new EventStreamLimits(1, Duration.ofSeconds(15), Duration.ofMillis(300),
                Duration.ofMillis(50));
        try (AgentRig rig = AgentRig.withLimits(shortLived)) {
            try (EventStreamClient events = new EventStreamClient(rig.uri(AgentHttpServer.EVENTS_PATH),
                    AgentRig.ORIGIN)) {
                assertThat(events.next(EventStreamClient.END, WAIT_MILLIS)).isEqualTo(EventStreamClient.END);
            }

            try (EventStreamClient again = new EventStreamClient(rig.uri(AgentHttpServer.EVENTS_PATH),
                    AgentRig.ORIGIN)) {
                assertThat(again.response.statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void sendsAHeartbeatCommentWhenNothingHappens() throws Exception {
        EventStreamLimits chatty = new EventStreamLimits(1, Duration.ofMillis(100), Duration.ofMinutes(1),
                Duration.ofMillis(50));
        try (AgentRig rig = AgentRig.withLimits(chatty);
             EventStreamClient events = new EventStreamClient(rig.uri(AgentHttpServer.EVENTS_PATH), AgentRig.ORIGIN)) {

            assertThat(events.next(":", WAIT_MILLIS)).isEqualTo(": heartbeat");
        }
    }
}
