package org.staffcard.agent;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the readers for the page's event streams. It looks a few times a second, and only while a stream is
 * open, at which readers exist and which hold a card; on a change it works out the reader state once and hands the
 * events to every open stream. Polling with a short bound rather than blocking in {@code waitForChange} keeps the
 * monitor's thread free to stop at once, and costs one PC/SC status call per look.
 */
final class CardEventMonitor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CardEventMonitor.class.getName());

    /** A stream that stops reading loses events beyond this many rather than making the agent hold them all. */
    private static final int QUEUE_CAPACITY = 32;

    /** A signing step holds the card for well under a second; the event is not held back longer than that. */
    private static final long STATE_WAIT_MILLIS = 200;

    /** One PC/SC status call; bounded so a stuck reader stack cannot hold up the stream's first answer. */
    private static final long STARTING_VIEW_WAIT_MILLIS = 1000;

    private final CardReaderService readers;
    private final CardStatusProbe status;
    private final Set<BlockingQueue<CardEvent>> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller;

    /** Touched by the poller thread only. */
    private ReaderSnapshot last;

    CardEventMonitor(CardReaderService readers, CardStatusProbe status, EventStreamLimits limits) {
        this.readers = readers;
        this.status = status;
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "card-agent-events");
            thread.setDaemon(true);
            return thread;
        });
        long interval = limits.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::look, interval, interval, TimeUnit.MILLISECONDS);
    }

    BlockingQueue<CardEvent> subscribe() {
        BlockingQueue<CardEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        subscribers.add(queue);
        takeStartingView();
        return queue;
    }

    /**
     * Takes the view the next look compares against before the new stream works out its first status. Were it left
     * to the next scheduled look, a card placed in between would show in neither: the first status would say no
     * card, and the look would take the card as the starting view and announce nothing.
     */
    private void takeStartingView() {
        try {
            poller.submit(() -> {
                if (last == null) {
                    last = readers.snapshot();
                }
            }).get(STARTING_VIEW_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.log(Level.FINE, "no starting view of the readers; the next look takes it", e);
        }
    }

    void unsubscribe(BlockingQueue<CardEvent> queue) {
        subscribers.remove(queue);
    }

    private void look() {
        try {
            if (subscribers.isEmpty()) {
                // Nobody listens: forget the last look, so the next stream is not sent stale differences.
                last = null;
                return;
            }
            ReaderSnapshot now = readers.snapshot();
            ReaderSnapshot before = last;
            last = now;
            if (before == null) {
                return;
            }

            List<String> events = before.eventsTo(now);
            if (events.isEmpty()) {
                return;
            }
            ReaderState state = status.state(STATE_WAIT_MILLIS);
            LOG.fine("Card events " + events + ", reader state now " + state);
            for (String name : events) {
                publish(new CardEvent(name, state));
            }
        } catch (RuntimeException e) {
            // A failed look must not end the schedule: the next one may succeed.
            LOG.log(Level.WARNING, "watching the card readers failed; trying again", e);
        }
    }

    private void publish(CardEvent event) {
        for (BlockingQueue<CardEvent> queue : subscribers) {
            if (!queue.offer(event)) {
                LOG.fine("an event stream is not reading; dropped " + event.name());
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
