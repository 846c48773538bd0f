package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.InProcessCardTerminals;
import org.staffcard.virtualcard.PivKeyType;
import org.staffcard.virtualcard.TestCards;
import org.staffcard.virtualcard.VirtualCard;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

/** The status probe names the profile of the card on the reader, as {@code /v1/status} reports it. */
class CardProfileDetectionTest {

    private static CardStatus statusWith(VirtualCard card) {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard(AgentRig.READER, card);
        CardReaderService readers = new CardReaderService(() -> terminals, Optional.empty());
        return new CardStatusProbe(readers, new ReentrantLock()).status(0);
    }

    @Test
    void aJpkiCardIsReadyAsJpki() {
        assertThat(statusWith(DemoCard.newCard())).isEqualTo(new CardStatus(ReaderState.READY, Optional.of("JPKI")));
    }

    @Test
    void aPivCardIsReadyAsPiv() {
        CardStatus status = statusWith(TestCards.issuePiv(PivKeyType.ECC_P256).newCard());

        assertThat(status).isEqualTo(new CardStatus(ReaderState.READY, Optional.of("PIV")));
    }

    @Test
    void aCardWithNeitherApplicationIsUnsupported() {
        VirtualCard foreign = new VirtualCard() {
            @Override
            public byte[] atr() {
                return new byte[] {0x3B, 0x00};
            }

            @Override
            public byte[] transmit(byte[] command) {
                return new byte[] {0x6A, (byte) 0x82};
            }

            @Override
            public void reset() {
            }

            @Override
            public String cardUserId() {
                return "none";
            }

            @Override
            public int pinTriesLeft() {
                return 0;
            }
        };

        assertThat(statusWith(foreign)).isEqualTo(new CardStatus(ReaderState.CARD_UNSUPPORTED, Optional.empty()));
    }
}
