package org.staffcard.virtualcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals.State;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InProcessCardTerminalsTest {

    private static final CommandAPDU SELECT_JPKI =
            new CommandAPDU(HexFormat.of().parseHex("00A4040C0AD392F000260100000001"));

    private static TestCard issued;

    @BeforeAll
    static void issueCard() {
        issued = TestCards.issue("S0077777");
    }

    @Test
    void transmitReachesTheInsertedCard() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard("Reader 0", issued.newCard());
        Card card = terminals.list(State.CARD_PRESENT).get(0).connect("*");

        ResponseAPDU answer = card.getBasicChannel().transmit(SELECT_JPKI);

        assertThat(answer.getSW()).isEqualTo(0x9000);
        assertThat(card.getATR().getBytes()).isEqualTo(issued.newCard().atr());
    }

    @Test
    void transmitAfterRemovalThrowsCardNotPresent() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard("Reader 0", issued.newCard());
        CardChannel channel = terminals.terminal("Reader 0").connect("*").getBasicChannel();

        terminals.remove("Reader 0");

        assertThatThrownBy(() -> channel.transmit(SELECT_JPKI)).isInstanceOf(CardNotPresentException.class);
    }

    @Test
    void oldConnectionStaysDeadWhenTheCardIsPutBack() throws Exception {
        VirtualJpkiCard virtualCard = issued.newCard();
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard("Reader 0", virtualCard);
        CardChannel oldChannel = terminals.terminal("Reader 0").connect("*").getBasicChannel();

        terminals.remove("Reader 0");
        terminals.insert("Reader 0", virtualCard);

        assertThatThrownBy(() -> oldChannel.transmit(SELECT_JPKI)).isInstanceOf(CardNotPresentException.class);
        CardChannel newChannel = terminals.terminal("Reader 0").connect("*").getBasicChannel();
        assertThat(newChannel.transmit(SELECT_JPKI).getSW()).isEqualTo(0x9000);
    }

    @Test
    void connectingToAnEmptyTerminalThrowsCardNotPresent() {
        InProcessCardTerminals terminals = new InProcessCardTerminals("Empty reader");

        assertThatThrownBy(() -> terminals.terminal("Empty reader").connect("*"))
                .isInstanceOf(CardNotPresentException.class);
    }

    @Test
    void listSeparatesTerminalsWithAndWithoutACard() throws Exception {
        InProcessCardTerminals terminals = new InProcessCardTerminals("Reader A", "Reader B");
        terminals.insert("Reader B", issued.newCard());

        assertThat(terminals.list()).extracting(CardTerminal::getName).containsExactly("Reader A", "Reader B");
        assertThat(terminals.list(State.CARD_PRESENT)).extracting(CardTerminal::getName).containsExactly("Reader B");
        assertThat(terminals.list(State.CARD_ABSENT)).extracting(CardTerminal::getName).containsExactly("Reader A");
    }

    @Test
    void waitForChangeTimesOutWhenNothingHappens() throws Exception {
        InProcessCardTerminals terminals = new InProcessCardTerminals("Reader 0");
        terminals.waitForChange(1);

        assertThat(terminals.waitForChange(50)).isFalse();
    }

    @Test
    void waitForChangeWakesOnRemovalAndReportsIt() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard("Reader 0", issued.newCard());
        terminals.waitForChange(1);

        CompletableFuture<Boolean> change = CompletableFuture.supplyAsync(() -> waitQuietly(terminals));
        Thread.sleep(50);
        terminals.remove("Reader 0");

        assertThat(change.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(terminals.list(State.CARD_REMOVAL)).extracting(CardTerminal::getName).containsExactly("Reader 0");
        assertThat(terminals.list(State.CARD_INSERTION)).isEmpty();
    }

    @Test
    void insertionSinceTheLastWaitIsReportedAtOnce() throws Exception {
        InProcessCardTerminals terminals = new InProcessCardTerminals("Reader 0");
        terminals.waitForChange(1);
        terminals.insert("Reader 0", issued.newCard());

        assertThat(terminals.waitForChange(1)).isTrue();
        assertThat(terminals.list(State.CARD_INSERTION)).extracting(CardTerminal::getName).containsExactly("Reader 0");
    }

    @Test
    void waitForCardAbsentReturnsOnceTheCardIsTaken() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard("Reader 0", issued.newCard());
        CardTerminal terminal = terminals.terminal("Reader 0");

        CompletableFuture.runAsync(() -> terminals.remove("Reader 0"));

        assertThat(terminal.waitForCardAbsent(5000)).isTrue();
        assertThat(terminal.isCardPresent()).isFalse();
    }

    @Test
    void insertingResetsTheCardsVerifiedPin() throws Exception {
        VirtualJpkiCard virtualCard = issued.newCard();
        virtualCard.transmit(SELECT_JPKI.getBytes());
        virtualCard.transmit(HexFormat.of().parseHex("00A4020C020018"));
        virtualCard.transmit(HexFormat.of().parseHex("002000800431323334"));
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard("Reader 0", virtualCard);
        CardChannel channel = terminals.terminal("Reader 0").connect("*").getBasicChannel();

        channel.transmit(SELECT_JPKI);
        channel.transmit(new CommandAPDU(HexFormat.of().parseHex("00A4020C020017")));
        byte[] sign = HexFormat.of().parseHex(VirtualJpkiCardTest.signCommand(
                VirtualJpkiCardTest.digestInfo(new byte[] {1})));

        assertThat(channel.transmit(new CommandAPDU(sign)).getSW()).isEqualTo(0x6982);
    }

    @Test
    void disconnectedCardRefusesItsChannel() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard("Reader 0", issued.newCard());
        Card card = terminals.terminal("Reader 0").connect("T=1");

        card.disconnect(false);

        assertThatThrownBy(card::getBasicChannel).isInstanceOf(IllegalStateException.class);
    }

    private static boolean waitQuietly(InProcessCardTerminals terminals) {
        try {
            return terminals.waitForChange(5000);
        } catch (CardException e) {
            throw new IllegalStateException(e);
        }
    }
}
