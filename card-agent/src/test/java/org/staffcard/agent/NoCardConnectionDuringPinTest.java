package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.protocol.Challenge;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.InProcessCardTerminals;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Windows resets a card transaction left idle for about five seconds, and the user may take longer than that to
 * type the PIN: no card connection, let alone a transaction, may be open while the PIN source waits for the user.
 */
class NoCardConnectionDuringPinTest {

    @Test
    void noCardConnectionIsOpenWhileThePinIsAskedFor() throws Exception {
        ObservedTerminals observed = new ObservedTerminals(InProcessCardTerminals.withCard("Reader",
                DemoCard.newCard()));
        AtomicInteger openWhileAsking = new AtomicInteger(-1);
        PinSource watching = request -> {
            openWhileAsking.set(observed.openConnections());
            return "1234".toCharArray();
        };
        AgentConfig config = AgentConfig.of(Map.of(AgentConfig.ALLOWED_ORIGINS, AgentRig.ORIGIN,
                AgentConfig.PORTS, "0"));

        try (CardAgent agent = CardAgent.start(config, () -> observed, watching, EventStreamLimits.DEFAULT,
                Clock.systemUTC())) {
            HttpResponse<String> response = new AgentClient(agent.port())
                    .sign("{\"challenge\":\"" + Challenge.random(new SecureRandom()).text() + "\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(openWhileAsking.get()).isZero();
            assertThat(observed.openConnections()).as("every connection closed after signing").isZero();
        }
    }
}
