package org.staffcard.agent;

import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.InProcessCardTerminals;
import org.staffcard.virtualcard.VirtualJpkiCard;

import javax.smartcardio.CardTerminals;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** One agent on a free loopback port, over an in-process reader holding the demo card, for one test. */
final class AgentRig implements AutoCloseable {

    static final String ORIGIN = "https://login.example";
    static final String READER = "Test reader";

    final InProcessCardTerminals terminals;
    final CountingTerminals counting;
    final CardAgent agent;
    private final HttpClient http = HttpClient.newHttpClient();

    private AgentRig(InProcessCardTerminals terminals, PinSource pins, Map<String, String> settings)
            throws Exception {
        this(terminals, pins, settings, EventStreamLimits.DEFAULT);
    }

    private AgentRig(InProcessCardTerminals terminals, PinSource pins, Map<String, String> settings,
                     EventStreamLimits limits) throws Exception {
        this(terminals, terminals, pins, settings, limits);
    }

    private AgentRig(InProcessCardTerminals terminals, CardTerminals seenByAgent, PinSource pins,
                     Map<String, String> settings, EventStreamLimits limits) throws Exception {
        this.terminals = terminals;
        this.counting = new CountingTerminals(seenByAgent);
        Map<String, String> all = new HashMap<>(Map.of(AgentConfig.ALLOWED_ORIGINS, ORIGIN, AgentConfig.PORTS, "0"));
        all.putAll(settings);
        this.agent = CardAgent.start(AgentConfig.of(all), () -> counting, pins, limits, Clock.systemUTC());
    }

    static AgentRig withLimits(EventStreamLimits limits) throws Exception {
        return new AgentRig(InProcessCardTerminals.withCard(READER, DemoCard.newCard()), pin("1234"), Map.of(),
                limits);
    }

    static AgentRig withDemoCard(PinSource pins) throws Exception {
        return new AgentRig(InProcessCardTerminals.withCard(READER, DemoCard.newCard()), pins, Map.of());
    }

    static AgentRig withCard(VirtualJpkiCard card, PinSource pins) throws Exception {
        return new AgentRig(InProcessCardTerminals.withCard(READER, card), pins, Map.of());
    }

    static AgentRig with(InProcessCardTerminals terminals, PinSource pins, Map<String, String> settings)
            throws Exception {
        return new AgentRig(terminals, pins, settings);
    }

    /** An agent that sees {@code terminals} through a wrapper, such as one that resets the card. */
    static AgentRig over(InProcessCardTerminals terminals, CardTerminals wrapper, PinSource pins) throws Exception {
        return new AgentRig(terminals, wrapper, pins, Map.of(), EventStreamLimits.DEFAULT);
    }

    static PinSource pin(String pin) {
        return request -> pin.toCharArray();
    }

    HttpResponse<String> status(String origin) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(AgentHttpServer.STATUS_PATH)).header("Origin", origin)
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String origin) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Origin", origin).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> sign(String origin, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(AgentHttpServer.SIGN_PATH)).header("Origin", origin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A request with headers java.net.http refuses to set (Host), sent as raw HTTP/1.1 on a socket. */
    String raw(String requestHead) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), agent.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + agent.port() + path);
    }

    @Override
    public void close() {
        agent.close();
    }
}
