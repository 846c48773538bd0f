package org.staffcard.agent;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Serves {@code GET /v1/events}: server-sent events telling the page that a card came or went or the readers
 * changed, so it reacts within a second without polling the status. The caller has already checked the Host and
 * Origin and set the CORS headers. A stream starts with a {@code status} event carrying the current state.
 */
final class CardEventStreams {

    static final String STATUS_EVENT = "status";

    private static final Logger LOG = Logger.getLogger(CardEventStreams.class.getName());

    /** How soon the browser reconnects after a stream ends, for one at its maximum life. */
    private static final int RECONNECT_MILLIS = 1000;

    private final CardEventMonitor monitor;
    private final CardStatusProbe status;
    private final EventStreamLimits limits;
    private final Semaphore open;

    CardEventStreams(CardEventMonitor monitor, CardStatusProbe status, EventStreamLimits limits) {
        this.monitor = monitor;
        this.status = status;
        this.limits = limits;
        this.open = new Semaphore(limits.maxStreams());
    }

    /** Holds the calling thread for the life of the stream; refuses with BUSY when all streams are taken. */
    void serve(HttpExchange exchange, String origin) throws IOException, BusyException {
        if (!open.tryAcquire()) {
            LOG.info("Refused an event stream for origin " + origin + ": all " + limits.maxStreams()
                    + " streams are open; the page falls back to polling the status");
            throw new BusyException("all " + limits.maxStreams() + " event streams are in use");
        }
        BlockingQueue<CardEvent> events = monitor.subscribe();
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            LOG.fine("Event stream opened for origin " + origin);

            write(out, "retry: " + RECONNECT_MILLIS + "\n\n"
                    + new CardEvent(STATUS_EVENT, status.state()).wireForm());
            pump(events, out);
            out.close();
            LOG.fine("Event stream for origin " + origin + " reached its maximum life; the page reconnects");
        } catch (IOException e) {
            LOG.fine("Event stream for origin " + origin + " ended: the page went away");
        } catch (InterruptedException e) {
            // The agent is stopping.
            Thread.currentThread().interrupt();
        } finally {
            monitor.unsubscribe(events);
            open.release();
        }
    }

    private void pump(BlockingQueue<CardEvent> events, OutputStream out) throws IOException, InterruptedException {
        long end = System.nanoTime() + limits.maxLife().toNanos();
        long heartbeat = limits.heartbeat().toNanos();
        long nextHeartbeat = System.nanoTime() + heartbeat;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                return;
            }
            if (now >= nextHeartbeat) {
                // A comment line: EventSource ignores it, and a write to a page that left fails here.
                write(out, ": heartbeat\n\n");
                nextHeartbeat = now + heartbeat;
                continue;
            }
            CardEvent event = events.poll(Math.min(end, nextHeartbeat) - now, TimeUnit.NANOSECONDS);
            if (event != null) {
                write(out, event.wireForm());
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
