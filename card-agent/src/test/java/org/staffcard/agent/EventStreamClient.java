package org.staffcard.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads one event stream of the agent line by line on its own thread, for tests that wait for an event. */
final class EventStreamClient implements AutoCloseable {

    static final String END = "(stream ended)";

    final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    EventStreamClient(URI uri, String origin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Origin", origin)
                .header("Accept", "text/event-stream").GET().build();
        response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        reader = new Thread(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException e) {
                // The test closed the stream, or the agent stopped.
            }
            lines.add(END);
        }, "event-stream-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next line that starts with {@code prefix}, or null when none came within the time. */
    String next(String prefix, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            long left = end - System.currentTimeMillis();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.MILLISECONDS);
            if (line == null || line.startsWith(prefix) || line.equals(END)) {
                return line;
            }
        }
    }

    /** The data line that follows the next {@code event: name} line. */
    String dataOf(String eventName, long timeoutMillis) throws InterruptedException {
        String event = next("event: " + eventName, timeoutMillis);
        if (event == null || event.equals(END)) {
            return null;
        }
        return next("data: ", timeoutMillis);
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
