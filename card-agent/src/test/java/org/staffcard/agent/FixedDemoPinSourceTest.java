package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.protocol.Challenge;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.VirtualJpkiCard;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FixedDemoPinSourceTest {

    @Test
    void answersACopyThatTheCallerMayClear() throws Exception {
        FixedDemoPinSource source = new FixedDemoPinSource("1234".toCharArray());
        PinRequest request = new PinRequest("https://login.example", 3, "S0012345");

        char[] first = source.requestPin(request);
        Arrays.fill(first, '\0');

        assertThat(source.requestPin(request)).containsExactly('1', '2', '3', '4');
    }

    @Test
    void refusesToUseTheLastTry() {
        FixedDemoPinSource source = new FixedDemoPinSource("1234".toCharArray());

        assertThatThrownBy(() -> source.requestPin(new PinRequest("https://login.example", 1, "S0012345")))
                .isInstanceOf(PinCancelledException.class);
    }

    @Test
    void aWrongDemoPinNeverBlocksTheCard() throws Exception {
        VirtualJpkiCard card = DemoCard.newCard();
        try (AgentRig rig = AgentRig.withCard(card, new FixedDemoPinSource("9999".toCharArray()))) {
            String body = "{\"challenge\":\"" + Challenge.random(new SecureRandom()).text() + "\"}";
            rig.sign(AgentRig.ORIGIN, body);
            rig.sign(AgentRig.ORIGIN, body);

            HttpResponse<String> third = rig.sign(AgentRig.ORIGIN, body);

            assertThat(third.statusCode()).isEqualTo(409);
            assertThat(third.body()).contains("\"error\":\"PIN_CANCELLED\"");
            assertThat(card.pinTriesLeft()).isEqualTo(1);
        }
    }
}
