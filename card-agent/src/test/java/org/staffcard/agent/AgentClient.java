package org.staffcard.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to an agent on a port, from the allowed test origin, for tests that start the agent themselves. */
final class AgentClient {

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    AgentClient(int port) {
        this.port = port;
    }

    HttpResponse<String> status() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(AgentHttpServer.STATUS_PATH)).header("Origin", AgentRig.ORIGIN)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> sign(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(AgentHttpServer.SIGN_PATH)).header("Origin", AgentRig.ORIGIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
