package org.staffcard.it;

import org.staffcard.agent.AgentConfig;
import org.staffcard.agent.CardAgent;
import org.staffcard.agent.FixedDemoPinSource;
import org.staffcard.agent.PcscTerminalSource;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.VpcdConnection;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The staff PC of the tests: the demo card in the PC/SC daemon's virtual reader (the real pcscd with vsmartcard's
 * vpcd, started by test.sh) and the real card agent reading it through javax.smartcardio. Started once per test
 * run, on first use.
 */
final class CardStack {

    static final String KEYCLOAK_ORIGIN = "http://localhost:8080";

    private static CardStack running;

    private final CardAgent agent;

    private CardStack(CardAgent agent) {
        this.agent = agent;
    }

    static synchronized CardStack get() throws Exception {
        if (running == null) {
            running = start();
        }
        return running;
    }

    private static CardStack start() throws Exception {
        if (!Files.exists(Path.of("/run/pcscd/pcscd.comm"))) {
            throw new IllegalStateException("The PC/SC daemon with the virtual reader is not running: start it with "
                    + "bin/virtual-reader.sh start (test.sh does this), before Maven starts.");
        }
        VpcdConnection card = new VpcdConnection(VpcdConnection.DEFAULT_HOST, VpcdConnection.DEFAULT_PORT,
                DemoCard.newCard(), line -> System.out.println("[virtual card] " + line));
        card.start();
        if (!card.awaitInserted(Duration.ofSeconds(15))) {
            throw new IllegalStateException("The virtual card did not reach vpcd on 127.0.0.1:35963 within 15 s");
        }

        AgentConfig config = AgentConfig.of(Map.of(
                AgentConfig.ALLOWED_ORIGINS, KEYCLOAK_ORIGIN,
                AgentConfig.PORTS, "47130,47131,47132",
                AgentConfig.SIGN_PER_MINUTE, "600"));
        CardAgent agent = CardAgent.start(config, new PcscTerminalSource(),
                new FixedDemoPinSource(DemoCard.properties().getProperty("pin").toCharArray()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            card.close();
        }));
        return new CardStack(agent);
    }

    int agentPort() {
        return agent.port();
    }

    /** Asks the agent, as the login page does, to have the card sign a challenge for Keycloak's origin. */
    String sign(String challenge) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agentPort() + "/v1/sign"))
                .header("Origin", KEYCLOAK_ORIGIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"challenge\":\"" + challenge + "\"}"))
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("the agent refused to sign: " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }
}
