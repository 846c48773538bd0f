package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.CardAssertionCodec;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.VpcdConnection;

import javax.smartcardio.CardTerminals;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The whole path through the real pcscd and its virtual reader; skipped where pcscd's vpcd port does not listen. */
class PcscdVirtualReaderTest {

    /** 35963 in the hex of /proc/net/tcp, in state 0A (LISTEN). */
    private static final String VPCD_LISTENING = ":8C7B 00000000:0000 0A";

    @Test
    void signsThroughPcscdWithTheDemoCardInTheVirtualReader() throws Exception {
        assumeTrue(vpcdListens(), "pcscd's virtual reader (port 35963) is not listening; start pcscd with vpcd");

        try (VpcdConnection card = new VpcdConnection(VpcdConnection.DEFAULT_HOST, VpcdConnection.DEFAULT_PORT,
                DemoCard.newCard(), message -> { })) {
            card.start();
            assumeTrue(card.awaitInserted(Duration.ofSeconds(5)), "pcscd did not take the virtual card");
            PcscTerminalSource terminals = new PcscTerminalSource();
            assertThat(awaitCardPresent(terminals, Duration.ofSeconds(5))).as("pcscd reports the card").isTrue();
            AgentConfig config = AgentConfig.of(Map.of(AgentConfig.ALLOWED_ORIGINS, AgentRig.ORIGIN,
                    AgentConfig.PORTS, "0"));

            try (CardAgent agent = CardAgent.start(config, terminals, AgentRig.pin("1234"))) {
                Challenge challenge = Challenge.random(new SecureRandom());
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + agent.port() + "/v1/sign"))
                                .header("Origin", AgentRig.ORIGIN)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"challenge\":\"" + challenge.text() + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                CardAssertion assertion = CardAssertionCodec.read(response.body());
                assertThat(SignatureAlgorithm.RS256.verify(DemoCard.certificate().getPublicKey(),
                        SignedPayload.of(AgentRig.ORIGIN, challenge, "S0012345"), assertion.signature())).isTrue();
            }
        }
    }

    /**
     * pcscd notices a card in the virtual reader on its next poll of the reader, a few hundred milliseconds after
     * the card's connection: a test that asks at once can find the reader still empty.
     */
    private static boolean awaitCardPresent(PcscTerminalSource terminals, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (!terminals.get().list(CardTerminals.State.CARD_PRESENT).isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Looks at the kernel's socket table: connecting to vpcd's port would itself insert a card. */
    private static boolean vpcdListens() throws IOException {
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path path = Path.of(table);
            if (Files.isReadable(path) && Files.readString(path).toUpperCase().contains(VPCD_LISTENING)) {
                return true;
            }
        }
        return false;
    }
}
