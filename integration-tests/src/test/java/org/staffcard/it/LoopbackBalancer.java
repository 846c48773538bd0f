package org.staffcard.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer in front of the cluster, reduced to what the tests need: it listens on the public address on
 * loopback and forwards each HTTP request, unchanged but for the forwarding headers, to the node the test chose, or
 * to several nodes in turn. Every request gets a connection of its own ({@code Connection: close} both ways), so
 * switching the node takes effect at the very next request, as it would behind a balancer without session affinity.
 */
final class LoopbackBalancer implements AutoCloseable {

    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int UPSTREAM_TIMEOUT_MILLIS = 20_000;
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "upgrade", "http2-settings",
            "te", "trailer", "proxy-connection");

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-balancer");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Integer, AtomicInteger> requestsPerPort = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile List<KeycloakNode> targets = List.of();

    LoopbackBalancer(int port) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        connections.execute(this::acceptLoop);
    }

    /** Sends every following request to {@code node}. */
    void sendTo(KeycloakNode node) {
        targets = List.of(node);
    }

    /** Sends the following requests to these nodes in turn, one request each, as a round-robin balancer does. */
    void rotateAmong(List<KeycloakNode> nodes) {
        targets = List.copyOf(nodes);
    }

    private KeycloakNode next() {
        List<KeycloakNode> nodes = targets;
        return nodes.isEmpty() ? null : nodes.get(Math.floorMod(turn.getAndIncrement(), nodes.size()));
    }

    /** How many requests reached {@code node} through this balancer. */
    int requestsTo(KeycloakNode node) {
        return requestsPerPort.getOrDefault(node.httpPort(), new AtomicInteger()).get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> forward(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.out.println("[balancer] accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void forward(Socket client) {
        KeycloakNode node = next();
        try (client) {
            // Buffered, since the head is read byte by byte; the body is read from the same buffer afterwards.
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            String head = readHead(fromClient);
            if (head.isEmpty()) {
                return;
            }
            List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
            byte[] body = fromClient.readNBytes(contentLength(lines));

            if (node == null) {
                toClient.write(badGateway("no node chosen"));
                return;
            }
            try (Socket upstream = new Socket()) {
                try {
                    upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.httpPort()), 2000);
                } catch (IOException e) {
                    toClient.write(badGateway(node.name() + " does not answer"));
                    return;
                }
                upstream.setSoTimeout(UPSTREAM_TIMEOUT_MILLIS);
                requestsPerPort.computeIfAbsent(node.httpPort(), p -> new AtomicInteger()).incrementAndGet();

                OutputStream toNode = upstream.getOutputStream();
                toNode.write(requestHead(lines, client).getBytes(StandardCharsets.ISO_8859_1));
                toNode.write(body);
                toNode.flush();

                InputStream fromNode = new BufferedInputStream(upstream.getInputStream());
                String responseHead = readHead(fromNode);
                toClient.write(withConnectionClose(new ArrayList<>(List.of(responseHead.split("\r\n"))))
                        .getBytes(StandardCharsets.ISO_8859_1));
                // The node closes the connection after this one response, as the request asked.
                fromNode.transferTo(toClient);
                toClient.flush();
            }
        } catch (IOException e) {
            System.out.println("[balancer] request to " + (node == null ? "no node" : node.name()) + " failed: "
                    + e.getMessage());
        }
    }

    /** The request as the node should see it: one request on this connection, and who really asked. */
    private static String requestHead(List<String> lines, Socket client) {
        List<String> headers = new ArrayList<>(lines);
        headers.removeIf(line -> startsWithHeader(line, "x-forwarded-for")
                || startsWithHeader(line, "x-forwarded-proto") || startsWithHeader(line, "x-forwarded-host"));
        String host = headers.stream().filter(line -> startsWithHeader(line, "host"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("");
        headers.add("X-Forwarded-For: " + client.getInetAddress().getHostAddress());
        headers.add("X-Forwarded-Proto: http");
        headers.add("X-Forwarded-Host: " + host);
        return withConnectionClose(headers);
    }

    /**
     * Drops the hop-by-hop headers (RFC 9110 section 7.6.1) and asks for one exchange per connection. The JDK's
     * client offers an upgrade to HTTP/2 on every first plain-HTTP request; passed on, the node would switch
     * protocols on a connection this balancer only relays as HTTP/1.1, as real balancers refuse to do too.
     */
    private static String withConnectionClose(List<String> lines) {
        lines.removeIf(line -> HOP_BY_HOP.stream().anyMatch(name -> startsWithHeader(line, name)));
        lines.add("Connection: close");
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    private static int contentLength(List<String> lines) throws IOException {
        for (String line : lines) {
            if (startsWithHeader(line, "transfer-encoding")) {
                throw new IOException("chunked request bodies are not forwarded by this balancer");
            }
        }
        return lines.stream().filter(line -> startsWithHeader(line, "content-length"))
                .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst().orElse(0);
    }

    private static boolean startsWithHeader(String line, String name) {
        return line.toLowerCase(Locale.ROOT).startsWith(name + ":");
    }

    /** Reads up to the blank line that ends an HTTP head; answers the head without that blank line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? "" : head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("HTTP head over " + MAX_HEAD_BYTES + " bytes");
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - end.length);
    }

    private static byte[] badGateway(String reason) {
        String body = "Bad gateway: " + reason + "\n";
        return ("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
