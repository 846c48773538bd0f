package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.CardAssertionCodec;
import org.staffcard.protocol.CardUserId;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;
import org.staffcard.virtualcard.CardQuirks;
import org.staffcard.virtualcard.InProcessCardTerminals;
import org.staffcard.virtualcard.PivKeyType;
import org.staffcard.virtualcard.TestCards;
import org.staffcard.virtualcard.TestPivCard;
import org.staffcard.virtualcard.VirtualCard;
import org.staffcard.virtualcard.VirtualPivCard;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PivSignFlowTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PIV_PIN = TestCards.DEFAULT_PIV_PIN;

    private static final TestPivCard RSA_CARD = TestCards.issuePiv(PivKeyType.RSA_2048);
    private static final TestPivCard P256_CARD = TestCards.issuePiv(PivKeyType.ECC_P256);

    private static String body(Challenge challenge) {
        return "{\"challenge\":\"" + challenge.text() + "\"}";
    }

    private static AgentRig rigWith(VirtualCard card, PinSource pins) throws Exception {
        return AgentRig.with(InProcessCardTerminals.withCard(AgentRig.READER, card), pins, Map.of());
    }

    private static CardAssertion assertSignedBy(TestPivCard card, SignatureAlgorithm algorithm,
                                                HttpResponse<String> response, Challenge challenge) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CardAssertion assertion = CardAssertionCodec.read(response.body());
        assertThat(assertion.cardUserId()).isEqualTo(card.cardUserId());
        assertThat(assertion.leafCertificate()).isEqualTo(card.certificate().getEncoded());
        assertThat(assertion.algorithm()).isEqualTo(algorithm);
        byte[] payload = SignedPayload.of(AgentRig.ORIGIN, challenge, card.cardUserId());
        assertThat(algorithm.verify(card.certificate().getPublicKey(), payload, assertion.signature())).isTrue();
        return assertion;
    }

    @Test
    void aPivRsaCardSignsAsRs256WithTheCardUuidAsCardUserId() throws Exception {
        try (AgentRig rig = rigWith(RSA_CARD.newCard(), AgentRig.pin(PIV_PIN))) {
            Challenge challenge = Challenge.random(RANDOM);

            CardAssertion assertion = assertSignedBy(RSA_CARD, SignatureAlgorithm.RS256,
                    rig.sign(AgentRig.ORIGIN, body(challenge)), challenge);

            assertThat(assertion.cardUserId()).matches("[0-9a-f]{32}");
            assertThat(CardUserId.isWellFormed(assertion.cardUserId())).isTrue();
        }
    }

    @Test
    void aPivP256CardSignsAsEs256WithARawSignatureOf64Bytes() throws Exception {
        try (AgentRig rig = rigWith(P256_CARD.newCard(), AgentRig.pin(PIV_PIN))) {
            Challenge challenge = Challenge.random(RANDOM);

            CardAssertion assertion = assertSignedBy(P256_CARD, SignatureAlgorithm.ES256,
                    rig.sign(AgentRig.ORIGIN, body(challenge)), challenge);

            assertThat(assertion.signature()).hasSize(64);
        }
    }

    @Test
    void aPivCardHandingEveryAnswerOutThrough61xxSignsCorrectly() throws Exception {
        try (AgentRig rig = rigWith(RSA_CARD.newCard(CardQuirks.getResponseOnly()), AgentRig.pin(PIV_PIN))) {
            Challenge challenge = Challenge.random(RANDOM);

            assertSignedBy(RSA_CARD, SignatureAlgorithm.RS256, rig.sign(AgentRig.ORIGIN, body(challenge)), challenge);
        }
    }

    @Test
    void aP256CardHandingEveryAnswerOutThrough61xxSignsCorrectly() throws Exception {
        try (AgentRig rig = rigWith(P256_CARD.newCard(CardQuirks.getResponseOnly()), AgentRig.pin(PIV_PIN))) {
            Challenge challenge = Challenge.random(RANDOM);

            assertSignedBy(P256_CARD, SignatureAlgorithm.ES256, rig.sign(AgentRig.ORIGIN, body(challenge)),
                    challenge);
        }
    }

    @Test
    void theRsaBlockIsSentToTheCardAsAChainOfCommands() throws Exception {
        RecordingCard recording = new RecordingCard(RSA_CARD.newCard());
        try (AgentRig rig = rigWith(recording, AgentRig.pin(PIV_PIN))) {
            rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));
        }

        assertThat(recording.headers).contains("10 87 07 9A", "00 87 07 9A");
    }

    @Test
    void aWrongPivPinAnswersPinWrongWithTwoTriesLeft() throws Exception {
        VirtualPivCard card = RSA_CARD.newCard();
        try (AgentRig rig = rigWith(card, AgentRig.pin("999999"))) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("\"error\":\"PIN_WRONG\"").contains("\"triesLeft\":2");
            assertThat(card.pinTriesLeft()).isEqualTo(2);
        }
    }

    @Test
    void aFourDigitPinIsNotSentToAPivCard() throws Exception {
        VirtualPivCard card = RSA_CARD.newCard();
        try (AgentRig rig = rigWith(card, AgentRig.pin("1234"))) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(response.body()).contains("\"error\":\"PIN_WRONG\"").contains("\"triesLeft\":3");
            assertThat(card.pinTriesLeft()).isEqualTo(3);
        }
    }

    @Test
    void thePinWindowNamesTheCardUuid() throws Exception {
        PinRequest[] seen = new PinRequest[1];
        PinSource records = request -> {
            seen[0] = request;
            return PIV_PIN.toCharArray();
        };
        try (AgentRig rig = rigWith(P256_CARD.newCard(), records)) {
            rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(seen[0].cardUserId()).isEqualTo(P256_CARD.cardUserId());
            assertThat(seen[0].triesLeft()).isEqualTo(3);
        }
    }

    @Test
    void aPivCardSwappedForAnotherDuringThePinPromptIsNotSignedWith() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard(AgentRig.READER, RSA_CARD.newCard());
        VirtualPivCard other = TestCards.issuePiv(PivKeyType.RSA_2048).newCard();
        PinSource swapsCard = request -> {
            terminals.remove(AgentRig.READER);
            terminals.insert(AgentRig.READER, other);
            return PIV_PIN.toCharArray();
        };
        try (AgentRig rig = AgentRig.with(terminals, swapsCard, Map.of())) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).contains("\"error\":\"CARD_REMOVED\"").doesNotContain("signature");
            assertThat(other.pinTriesLeft()).isEqualTo(3);
        }
    }

    /** Passes every command to the card and keeps its first four bytes, to see how the agent sent it. */
    private static final class RecordingCard implements VirtualCard {

        private final VirtualCard card;
        private final List<String> headers = new ArrayList<>();

        RecordingCard(VirtualCard card) {
            this.card = card;
        }

        @Override
        public byte[] atr() {
            return card.atr();
        }

        @Override
        public synchronized byte[] transmit(byte[] command) {
            headers.add(String.format("%02X %02X %02X %02X", command[0], command[1], command[2], command[3]));
            return card.transmit(command);
        }

        @Override
        public void reset() {
            card.reset();
        }

        @Override
        public String cardUserId() {
            return card.cardUserId();
        }

        @Override
        public int pinTriesLeft() {
            return card.pinTriesLeft();
        }
    }
}
