package org.staffcard.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asks whatever listens on a busy port whether it is a staff-card agent: a status request as an allowed page would
 * send it. Anything else on the port (or silence) means "not an agent".
 */
final class RunningAgentProbe {

    private static final int TIMEOUT_MILLIS = 1500;
    private static final int MAX_ANSWER_BYTES = 4096;

    private RunningAgentProbe() {
    }

    static boolean isAgent(int port, String origin) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            String request = "GET " + AgentHttpServer.STATUS_PATH + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Origin: " + origin + "\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();

            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
            // An agent whose allow-list lacks our first origin refuses the probe, but in its own words.
            return answer.contains("\"agent\":\"" + AgentHttpServer.AGENT_NAME + "\"")
                    || answer.contains("\"error\":\"ORIGIN_NOT_ALLOWED\"");
        } catch (IOException e) {
            return false;
        }
    }
}
