package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.CardAssertionCodec;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.InProcessCardTerminals;
import org.staffcard.virtualcard.TestCard;
import org.staffcard.virtualcard.TestCards;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Several cards on the readers: a PIN source that can ask lets the user pick one by reader and card user ID. */
class CardChoiceTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Picks the card at a fixed index and remembers what it was shown. */
    private static class PickingPinSource implements PinSource, CardChooser {

        private final int pick;
        private final List<String> shown = new ArrayList<>();
        private final List<PinRequest> pinRequests = new ArrayList<>();

        PickingPinSource(int pick) {
            this.pick = pick;
        }

        @Override
        public int chooseCard(String origin, List<String> labels) {
            shown.addAll(labels);
            return pick;
        }

        @Override
        public char[] requestPin(PinRequest request) {
            pinRequests.add(request);
            return "1234".toCharArray();
        }
    }

    private static InProcessCardTerminals twoCards(TestCard second) {
        InProcessCardTerminals terminals = new InProcessCardTerminals("Reader A", "Reader B");
        terminals.insert("Reader A", DemoCard.newCard());
        terminals.insert("Reader B", second.newCard());
        return terminals;
    }

    @Test
    void theUserPicksTheSecondCardAndItSigns() throws Exception {
        TestCard second = TestCards.issue("S0099999");
        PickingPinSource picker = new PickingPinSource(1);
        try (AgentRig rig = AgentRig.with(twoCards(second), picker, Map.of())) {
            Challenge challenge = Challenge.random(RANDOM);

            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, "{\"challenge\":\"" + challenge.text() + "\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            CardAssertion assertion = CardAssertionCodec.read(response.body());
            assertThat(assertion.cardUserId()).isEqualTo("S0099999");
            assertThat(assertion.leafCertificate()).isEqualTo(second.certificate().getEncoded());
            byte[] payload = SignedPayload.of(AgentRig.ORIGIN, challenge, "S0099999");
            assertThat(SignatureAlgorithm.RS256.verify(second.certificate().getPublicKey(), payload,
                    assertion.signature())).isTrue();
            assertThat(picker.pinRequests).singleElement()
                    .satisfies(request -> assertThat(request.cardUserId()).isEqualTo("S0099999"));
        }
    }

    @Test
    void eachCardIsShownByReaderNameAndCardUserId() throws Exception {
        PickingPinSource picker = new PickingPinSource(0);
        try (AgentRig rig = AgentRig.with(twoCards(TestCards.issue("S0099999")), picker, Map.of())) {
            rig.sign(AgentRig.ORIGIN, "{\"challenge\":\"" + Challenge.random(RANDOM).text() + "\"}");

            assertThat(picker.shown).containsExactly("Reader A: card " + DemoCard.cardUserId(),
                    "Reader B: card S0099999");
        }
    }

    @Test
    void aCardSwappedInTheChosenReaderIsNotSignedWith() throws Exception {
        InProcessCardTerminals terminals = twoCards(TestCards.issue("S0099999"));
        PinSource swapsAfterChoice = new PickingPinSource(1) {
            @Override
            public char[] requestPin(PinRequest request) {
                terminals.remove("Reader B");
                terminals.insert("Reader B", TestCards.issue("S0077777").newCard());
                return "1234".toCharArray();
            }
        };
        try (AgentRig rig = AgentRig.with(terminals, swapsAfterChoice, Map.of())) {
            HttpResponse<String> response = rig.sign(AgentRig.ORIGIN,
                    "{\"challenge\":\"" + Challenge.random(RANDOM).text() + "\"}");

            assertThat(response.body()).contains("\"error\":\"CARD_REMOVED\"").doesNotContain("signature");
        }
    }

    @Test
    void withAChoosingPinSourceSeveralCardsAreReady() throws Exception {
        try (AgentRig rig = AgentRig.with(twoCards(TestCards.issue("S0099999")), new PickingPinSource(0), Map.of())) {
            assertThat(rig.status(AgentRig.ORIGIN).body()).contains("\"state\":\"READY\"");
        }
    }

    @Test
    void withoutAChooserSeveralCardsAreRefusedBeforeAnyCardIsRead() throws Exception {
        CardChoice choice = new CardChoice(java.util.Optional.empty());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> choice.checkCount(2))
                .isInstanceOf(MultipleCardsException.class);
    }

    @Test
    void anAnswerNamingNoCardCancels() {
        assertThat(CardNumberAnswer.index("2", 2)).isEqualTo(1);
        assertThat(CardNumberAnswer.index("", 2)).isEqualTo(-1);
        assertThat(CardNumberAnswer.index("3", 2)).isEqualTo(-1);
        assertThat(CardNumberAnswer.index("0", 2)).isEqualTo(-1);
    }
}
