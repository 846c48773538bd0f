package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.CardAssertionCodec;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.InProcessCardTerminals;
import org.staffcard.virtualcard.VirtualJpkiCard;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Another program resets the card in the middle of a step, as Windows does to an idle transaction. */
class CardResetDuringStepTest {

    private static final int SIGN = 0x2A;
    private static final int READ_BINARY = 0xB0;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<char[]> pinsHandedOut = new ArrayList<>();

    private PinSource recordingPin() {
        return request -> {
            char[] pin = "1234".toCharArray();
            pinsHandedOut.add(pin);
            return pin;
        };
    }

    private static HttpResponse<String> signWithResets(AgentRig rig, Challenge challenge) throws Exception {
        return rig.sign(AgentRig.ORIGIN, "{\"challenge\":\"" + challenge.text() + "\"}");
    }

    private static void assertDemoCardSigned(HttpResponse<String> response, Challenge challenge) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CardAssertion assertion = CardAssertionCodec.read(response.body());
        byte[] payload = SignedPayload.of(AgentRig.ORIGIN, challenge, DemoCard.cardUserId());
        assertThat(assertion.cardUserId()).isEqualTo(DemoCard.cardUserId());
        assertThat(SignatureAlgorithm.RS256.verify(DemoCard.certificate().getPublicKey(), payload,
                assertion.signature())).isTrue();
    }

    @Test
    void aResetAtTheSignCommandIsRetriedOnceWithThePinVerifiedAgain() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard(AgentRig.READER, DemoCard.newCard());
        ResettingTerminals resetting = new ResettingTerminals(terminals, SIGN, 1);
        try (AgentRig rig = AgentRig.over(terminals, resetting, recordingPin())) {
            Challenge challenge = Challenge.random(RANDOM);

            HttpResponse<String> response = signWithResets(rig, challenge);

            // The reset made the card forget the first VERIFY; the signature only exists because of the second.
            assertDemoCardSigned(response, challenge);
            assertThat(resetting.pinsSent()).isEqualTo(2);
            assertThat(resetting.sent(SIGN)).isEqualTo(2);
            assertThat(pinsHandedOut).hasSize(1);
        }
    }

    @Test
    void theUserIsAskedForThePinOnceAndItIsClearedAfterTheRetry() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard(AgentRig.READER, DemoCard.newCard());
        ResettingTerminals resetting = new ResettingTerminals(terminals, SIGN, 1);
        try (AgentRig rig = AgentRig.over(terminals, resetting, recordingPin())) {
            signWithResets(rig, Challenge.random(RANDOM));

            assertThat(pinsHandedOut).singleElement()
                    .satisfies(pin -> assertThat(new String(pin)).isEqualTo("\0\0\0\0"));
        }
    }

    @Test
    void aResetWhileReadingTheCardIsRetriedOnce() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard(AgentRig.READER, DemoCard.newCard());
        ResettingTerminals resetting = new ResettingTerminals(terminals, READ_BINARY, 1);
        try (AgentRig rig = AgentRig.over(terminals, resetting, recordingPin())) {
            Challenge challenge = Challenge.random(RANDOM);

            assertDemoCardSigned(signWithResets(rig, challenge), challenge);
        }
    }

    @Test
    void aSecondResetInARowAnswersCardRemoved() throws Exception {
        VirtualJpkiCard card = DemoCard.newCard();
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard(AgentRig.READER, card);
        ResettingTerminals resetting = new ResettingTerminals(terminals, SIGN, 2);
        try (AgentRig rig = AgentRig.over(terminals, resetting, recordingPin())) {
            HttpResponse<String> response = signWithResets(rig, Challenge.random(RANDOM));

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).contains("\"error\":\"CARD_REMOVED\"").doesNotContain("signature");
            assertThat(resetting.sent(SIGN)).isEqualTo(2);
            assertThat(card.pinTriesLeft()).isEqualTo(3);
        }
    }
}
