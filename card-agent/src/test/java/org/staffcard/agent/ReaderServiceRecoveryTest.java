package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.protocol.Challenge;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.InProcessCardTerminals;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restarted PC/SC service, in process: the JDK's context keeps answering SCARD_E_NO_SERVICE until it is renewed,
 * as the JDK's own does after pcscd restarts. The agent must say so, renew, and work again without a restart.
 */
class ReaderServiceRecoveryTest {

    /** Answers SCARD_E_NO_SERVICE from every listing until renewed, then the demo card's reader. */
    private static final class RestartedService implements ReaderServiceConnection {

        private final InProcessCardTerminals working = InProcessCardTerminals.withCard("Reader", DemoCard.newCard());
        private volatile boolean stale = true;
        private volatile int renewals;

        @Override
        public CardTerminals get() {
            if (!stale) {
                return working;
            }
            return new CardTerminals() {
                @Override
                public List<CardTerminal> list(State state) throws CardException {
                    throw new CardException("list() failed", new CardException("SCARD_E_NO_SERVICE"));
                }

                @Override
                public boolean waitForChange(long timeout) throws CardException {
                    throw new CardException("SCARD_E_NO_SERVICE");
                }
            };
        }

        @Override
        public void renew() {
            renewals++;
            stale = false;
        }
    }

    private static CardAgent start(ReaderServiceConnection terminals) throws Exception {
        AgentConfig config = AgentConfig.of(Map.of(AgentConfig.ALLOWED_ORIGINS, AgentRig.ORIGIN,
                AgentConfig.PORTS, "0"));
        return CardAgent.start(config, terminals, AgentRig.pin("1234"), EventStreamLimits.DEFAULT,
                Clock.systemUTC());
    }

    @Test
    void answersServiceUnavailableOnceThenReadyWithoutARestart() throws Exception {
        RestartedService service = new RestartedService();
        try (CardAgent agent = start(service)) {
            AgentClient client = new AgentClient(agent.port());

            HttpResponse<String> first = client.status();
            HttpResponse<String> second = client.status();

            assertThat(first.body()).contains("\"state\":\"READER_SERVICE_UNAVAILABLE\"");
            assertThat(second.body()).contains("\"state\":\"READY\"");
            assertThat(service.renewals).isEqualTo(1);
        }
    }

    @Test
    void aSignRequestDuringTheOutageAnswers503AndTheNextOneSigns() throws Exception {
        RestartedService service = new RestartedService();
        try (CardAgent agent = start(service)) {
            AgentClient client = new AgentClient(agent.port());
            String body = "{\"challenge\":\"" + Challenge.random(new SecureRandom()).text() + "\"}";

            HttpResponse<String> during = client.sign(body);
            HttpResponse<String> after = client.sign(body);

            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.body()).contains("\"error\":\"READER_SERVICE_UNAVAILABLE\"");
            assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        }
    }

    @Test
    void aMissingReaderDoesNotRenewTheService() throws Exception {
        RestartedService service = new RestartedService();
        service.renew();
        service.working.removeTerminal("Reader");
        try (CardAgent agent = start(service)) {
            HttpResponse<String> status = new AgentClient(agent.port()).status();

            assertThat(status.body()).contains("\"state\":\"NO_READER\"");
            assertThat(service.renewals).isEqualTo(1);
        }
    }
}
