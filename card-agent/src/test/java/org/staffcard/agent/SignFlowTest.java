package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.CardAssertionCodec;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;
import org.staffcard.virtualcard.CardQuirks;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.InProcessCardTerminals;
import org.staffcard.virtualcard.TestCards;
import org.staffcard.virtualcard.VirtualJpkiCard;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SignFlowTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String body(Challenge challenge) {
        return "{\"challenge\":\"" + challenge.text() + "\"}";
    }

    private static CardAssertion assertDemoCardSigned(HttpResponse<String> response, Challenge challenge)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CardAssertion assertion = CardAssertionCodec.read(response.body());
        byte[] payload = SignedPayload.of(AgentRig.ORIGIN, challenge, "S0012345");
        assertThat(assertion.cardUserId()).isEqualTo("S0012345");
        assertThat(assertion.leafCertificate()).isEqualTo(DemoCard.certificate().getEncoded());
        assertThat(SignatureAlgorithm.RS256.verify(DemoCard.certificate().getPublicKey(), payload,
                assertion.signature())).isTrue();
        return assertion;
    }

    @Test
    void signsWithTheDemoCardOverOriginChallengeAndCardUserId() throws Exception {
        try (AgentRig rig = AgentRig.withDemoCard(AgentRig.pin("1234"))) {
            Challenge challenge = Challenge.random(RANDOM);

            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(challenge));

            CardAssertion assertion = assertDemoCardSigned(response, challenge);
            assertThat(assertion.algorithm()).isEqualTo(SignatureAlgorithm.RS256);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(AgentRig.ORIGIN);
        }
    }

    @Test
    void wrongPinAnswersPinWrongWithTwoTriesLeft() throws Exception {
        try (AgentRig rig = AgentRig.withDemoCard(AgentRig.pin("9999"))) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("\"error\":\"PIN_WRONG\"").contains("\"triesLeft\":2");
        }
    }

    @Test
    void threeWrongPinsBlockTheCard() throws Exception {
        VirtualJpkiCard card = DemoCard.newCard();
        try (AgentRig rig = AgentRig.withCard(card, AgentRig.pin("9999"))) {
            rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));
            rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));
            HttpResponse<String> third = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));
            HttpResponse<String> fourth = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(third.statusCode()).isEqualTo(423);
            assertThat(third.body()).contains("\"error\":\"PIN_BLOCKED\"");
            assertThat(fourth.statusCode()).isEqualTo(423);
            assertThat(card.pinTriesLeft()).isZero();
        }
    }

    @Test
    void aPinThatIsNotFourDigitsCostsNoTry() throws Exception {
        VirtualJpkiCard card = DemoCard.newCard();
        try (AgentRig rig = AgentRig.withCard(card, AgentRig.pin("12a4"))) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(response.body()).contains("\"error\":\"PIN_WRONG\"").contains("\"triesLeft\":3");
            assertThat(card.pinTriesLeft()).isEqualTo(3);
        }
    }

    @Test
    void noReaderAnswersNoReader() throws Exception {
        try (AgentRig rig = AgentRig.with(new InProcessCardTerminals(), AgentRig.pin("1234"), Map.of())) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).contains("\"error\":\"NO_READER\"");
            assertThat(rig.status(AgentRig.ORIGIN).body()).contains("\"state\":\"NO_READER\"");
        }
    }

    @Test
    void emptyReaderAnswersNoCard() throws Exception {
        try (AgentRig rig = AgentRig.with(new InProcessCardTerminals(AgentRig.READER), AgentRig.pin("1234"),
                Map.of())) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).contains("\"error\":\"NO_CARD\"");
        }
    }

    @Test
    void twoCardsWithoutANamedReaderAnswerMultipleCards() throws Exception {
        InProcessCardTerminals terminals = new InProcessCardTerminals("Reader A", "Reader B");
        terminals.insert("Reader A", DemoCard.newCard());
        terminals.insert("Reader B", TestCards.issue("S0099999").newCard());
        try (AgentRig rig = AgentRig.with(terminals, AgentRig.pin("1234"), Map.of())) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(response.body()).contains("\"error\":\"MULTIPLE_CARDS\"");
        }
    }

    @Test
    void twoCardsWithANamedReaderSignWithThatReadersCard() throws Exception {
        InProcessCardTerminals terminals = new InProcessCardTerminals("Reader A", "Reader B");
        terminals.insert("Reader A", TestCards.issue("S0099999").newCard());
        terminals.insert("Reader B", DemoCard.newCard());
        try (AgentRig rig = AgentRig.with(terminals, AgentRig.pin("1234"),
                Map.of(AgentConfig.READER_NAME, "Reader B"))) {
            Challenge challenge = Challenge.random(RANDOM);

            assertDemoCardSigned(rig.sign(AgentRig.ORIGIN, body(challenge)), challenge);
        }
    }

    @Test
    void cardTakenAwayDuringThePinPromptAnswersCardRemoved() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard(AgentRig.READER, DemoCard.newCard());
        PinSource removesCard = request -> {
            terminals.remove(AgentRig.READER);
            return "1234".toCharArray();
        };
        try (AgentRig rig = AgentRig.with(terminals, removesCard, Map.of())) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).contains("\"error\":\"CARD_REMOVED\"");
        }
    }

    @Test
    void cardSwappedDuringThePinPromptIsNotSignedWithUnderTheOldId() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard(AgentRig.READER, DemoCard.newCard());
        VirtualJpkiCard other = TestCards.issue("S0099999").newCard();
        PinSource swapsCard = request -> {
            terminals.remove(AgentRig.READER);
            terminals.insert(AgentRig.READER, other);
            return "1234".toCharArray();
        };
        try (AgentRig rig = AgentRig.with(terminals, swapsCard, Map.of())) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).contains("\"error\":\"CARD_REMOVED\"").doesNotContain("signature");
            assertThat(other.pinTriesLeft()).isEqualTo(3);
        }
    }

    @Test
    void aCardAnsweringWith61xxIsReadAndSignsCorrectly() throws Exception {
        try (AgentRig rig = AgentRig.withCard(DemoCard.newCard(CardQuirks.getResponseOnly()), AgentRig.pin("1234"))) {
            Challenge challenge = Challenge.random(RANDOM);

            assertDemoCardSigned(rig.sign(AgentRig.ORIGIN, body(challenge)), challenge);
        }
    }

    @Test
    void aCardAnsweringWith6CxxIsReadAndSignsCorrectly() throws Exception {
        try (AgentRig rig = AgentRig.withCard(DemoCard.newCard(CardQuirks.wrongLeOnly()), AgentRig.pin("1234"))) {
            Challenge challenge = Challenge.random(RANDOM);

            assertDemoCardSigned(rig.sign(AgentRig.ORIGIN, body(challenge)), challenge);
        }
    }

    @Test
    void withoutAFreeAreaTheCardUserIdIsTheCertificateFingerprint() throws Exception {
        try (AgentRig rig = AgentRig.with(InProcessCardTerminals.withCard(AgentRig.READER, DemoCard.newCard()),
                AgentRig.pin("1234"), Map.of(AgentConfig.FREEAREA_AID, ""))) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            CardAssertion assertion = CardAssertionCodec.read(response.body());
            assertThat(assertion.cardUserId())
                    .isEqualTo(CardIdentity.fingerprint(DemoCard.certificate().getEncoded()))
                    .hasSize(64);
        }
    }

    @Test
    void aCancelledPinWindowAnswersPinCancelled() throws Exception {
        PinSource cancels = request -> {
            throw new PinCancelledException("closed");
        };
        try (AgentRig rig = AgentRig.withDemoCard(cancels)) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(response.body()).contains("\"error\":\"PIN_CANCELLED\"");
        }
    }

    @Test
    void thePinWindowNamesTheRequestingOriginAndTheTriesLeft() throws Exception {
        PinRequest[] seen = new PinRequest[1];
        PinSource records = request -> {
            seen[0] = request;
            return "1234".toCharArray();
        };
        try (AgentRig rig = AgentRig.withDemoCard(records)) {
            rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(seen[0]).isEqualTo(new PinRequest(AgentRig.ORIGIN, 3, "S0012345"));
        }
    }

    @Test
    void moreSignRequestsThanTheLimitAnswerRateLimited() throws Exception {
        try (AgentRig rig = AgentRig.with(InProcessCardTerminals.withCard(AgentRig.READER, DemoCard.newCard()),
                AgentRig.pin("1234"), Map.of(AgentConfig.SIGN_PER_MINUTE, "1"))) {
            rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));
            HttpResponse<String> second = rig.sign(AgentRig.ORIGIN, body(Challenge.random(RANDOM)));

            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(second.body()).contains("\"error\":\"RATE_LIMITED\"");
        }
    }
}
