package org.staffcard.agent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StalledRequestTest {

    /** More than all the agent's HTTP threads together (status threads, event-stream threads, sign workers). */
    private static final int STALLED = 12;

    /** Far above the agent's request time limit, so a connection still open after it is one the agent forgot. */
    private static final int CLOSE_WAIT_MILLIS = (CardAgent.MAX_REQUEST_SECONDS + 15) * 1000;

    private static Socket stalledSign(AgentRig rig, int contentLength) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), rig.agent.port());
        String head = "POST " + AgentHttpServer.SIGN_PATH + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + rig.agent.port() + "\r\n"
                + "Origin: " + AgentRig.ORIGIN + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Reads what the agent sends until it closes the connection; fails if it keeps it open past the wait. */
    private static String readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(CLOSE_WAIT_MILLIS);
        InputStream in = socket.getInputStream();
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return "STILL OPEN";
        }
    }

    private static HttpResponse<String> status(AgentRig rig) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(rig.uri(AgentHttpServer.STATUS_PATH))
                .header("Origin", AgentRig.ORIGIN).timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusStillAnswersWhileOversizedBodiesNeverArrive() throws Exception {
        try (AgentRig rig = AgentRig.withDemoCard(AgentRig.pin("1234"))) {
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < STALLED; i++) {
                stalled.add(stalledSign(rig, 999_999));
            }

            HttpResponse<String> answer = status(rig);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"state\":\"READY\"");
            for (Socket socket : stalled) {
                try (socket) {
                    assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 413").contains("REQUEST_TOO_LARGE");
                }
            }
        }
    }

    @Test
    void statusStillAnswersWhileSmallBodiesNeverArriveAndTheAgentClosesThem() throws Exception {
        try (AgentRig rig = AgentRig.withDemoCard(AgentRig.pin("1234"))) {
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < STALLED; i++) {
                stalled.add(stalledSign(rig, 500));
            }

            HttpResponse<String> answer = status(rig);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"state\":\"READY\"");
            for (Socket socket : stalled) {
                try (socket) {
                    assertThat(readUntilClosed(socket)).isNotEqualTo("STILL OPEN");
                }
            }
        }
    }
}
