package org.staffcard.authenticator.revocation;

import java.io.IOException;
import java.net.ServerSocket;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OCSP responder for tests: {@code openssl ocsp} answering from an index file in the format of
 * {@code openssl ca}, signing with the CA's own key. OpenSSL 3.0's own listener ({@code -port}) binds every
 * interface, so a loopback-only HTTP front hands each request to a short-lived {@code openssl ocsp -reqin -respout}
 * run instead: the answer is made by OpenSSL's responder code all the same, nonce echo included.
 */
final class OpensslOcspResponder implements AutoCloseable {

    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final HttpServer server;

    private OpensslOcspResponder(HttpServer server) {
        this.server = server;
    }

    /**
     * @param good    serials the responder reports good
     * @param revoked serials it reports revoked; any other serial is "unknown"
     */
    static OpensslOcspResponder start(RevocationPki pki, Path directory, List<X509Certificate> good,
                                      List<X509Certificate> revoked) throws IOException {
        Path index = directory.resolve("index.txt");
        List<String> lines = new ArrayList<>();
        for (X509Certificate certificate : good) {
            lines.add(indexLine("V", certificate, ""));
        }
        for (X509Certificate certificate : revoked) {
            lines.add(indexLine("R", certificate, INDEX_TIME.format(RevocationPki.NOW.minusSeconds(3600))));
        }
        Files.write(index, lines, StandardCharsets.UTF_8);
        Path caPem = directory.resolve("ca.pem");
        Path caKey = directory.resolve("ca.key");
        pki.writePem(pki.ca, caPem);
        RevocationPki.write(pki.caKey.getPrivate(), caKey);

        AtomicInteger counter = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int n = counter.incrementAndGet();
            Path request = directory.resolve("request-" + n + ".der");
            Path response = directory.resolve("response-" + n + ".der");
            try (InputStream in = exchange.getRequestBody()) {
                Files.write(request, in.readAllBytes());
            }
            byte[] answer = respond(directory, index, caPem, caKey, request, response);
            exchange.sendResponseHeaders(answer.length > 0 ? 200 : 500, answer.length > 0 ? answer.length : -1);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
        return new OpensslOcspResponder(server);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static byte[] respond(Path directory, Path index, Path caPem, Path caKey, Path request, Path response)
            throws IOException {
        Process process = new ProcessBuilder("openssl", "ocsp", "-index", index.toString(), "-rsigner",
                caPem.toString(), "-rkey", caKey.toString(), "-CA", caPem.toString(), "-nmin", "10",
                "-reqin", request.toString(), "-respout", response.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("openssl.log").toFile()).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new byte[0];
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new byte[0];
        }
        if (process.exitValue() != 0 || !Files.exists(response)) {
            System.err.println("openssl ocsp failed: " + Files.readString(directory.resolve("openssl.log")));
            return new byte[0];
        }
        return Files.readAllBytes(response);
    }

    private static String indexLine(String state, X509Certificate certificate, String revokedAt) {
        String serial = certificate.getSerialNumber().toString(16).toUpperCase();
        if (serial.length() % 2 == 1) {
            serial = "0" + serial;
        }
        return state + "\t" + INDEX_TIME.format(certificate.getNotAfter().toInstant()) + "\t" + revokedAt + "\t"
                + serial + "\tunknown\t/CN=card-" + serial;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
