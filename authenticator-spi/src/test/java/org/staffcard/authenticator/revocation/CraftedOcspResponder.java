package org.staffcard.authenticator.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers each request with what the test makes of it: an OCSP answer built with
 * BouncyCastle to break one rule, a CRL, or an HTTP error. It keeps every request body it was sent.
 */
final class CraftedOcspResponder implements AutoCloseable {

    private final HttpServer server;
    final List<byte[]> requests = new CopyOnWriteArrayList<>();

    CraftedOcspResponder(int status, Function<byte[], byte[]> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.add(body);
            byte[] reply = status == 200 ? answer.apply(body) : new byte[0];
            exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
            if (reply.length > 0) {
                exchange.getResponseBody().write(reply);
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
