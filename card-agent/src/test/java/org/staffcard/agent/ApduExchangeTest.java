package org.staffcard.agent;

import org.junit.jupiter.api.Test;

import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApduExchangeTest {

    private static final CommandAPDU SELECT = new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, new byte[] {1, 2, 3, 4, 5});

    @Test
    void joinsChainedGetResponseAnswersOverTwoHundredFiftySixBytes() throws Exception {
        ScriptedChannel channel = new ScriptedChannel(
                answer(filled(0, 1), 0x61, 0x00),
                answer(filled(256, 1), 0x61, 0x2C),
                answer(filled(44, 2), 0x90, 0x00));

        ResponseAPDU response = new ApduExchange(channel).transmit(SELECT);

        assertThat(response.getSW()).isEqualTo(0x9000);
        assertThat(response.getData()).hasSize(300);
        assertThat(channel.sent.get(1).getBytes()).containsExactly(0x00, 0xC0, 0x00, 0x00, 0x00);
        assertThat(channel.sent.get(2).getBytes()).containsExactly(0x00, 0xC0, 0x00, 0x00, 0x2C);
    }

    @Test
    void resendsWithTheLeTheCardAsksFor() throws Exception {
        ScriptedChannel channel = new ScriptedChannel(
                answer(new byte[0], 0x6C, 0x1A),
                answer(filled(0x1A, 7), 0x90, 0x00));

        ResponseAPDU response = new ApduExchange(channel).transmit(new CommandAPDU(0x00, 0xB0, 0, 0, 0x10));

        assertThat(response.getData()).hasSize(0x1A);
        assertThat(channel.sent.get(1).getNe()).isEqualTo(0x1A);
    }

    @Test
    void stopsACardThatAnswers6100Forever() {
        CardChannel endless = new ScriptedChannel(command -> answer(filled(0, 0), 0x61, 0x00));

        assertThatThrownBy(() -> new ApduExchange(endless).transmit(SELECT))
                .isInstanceOf(CardFailureException.class);
    }

    @Test
    void stopsAnAnswerLargerThanTheLimit() {
        CardChannel huge = new ScriptedChannel(command -> answer(filled(256, 3), 0x61, 0x00));

        assertThatThrownBy(() -> new ApduExchange(huge).transmit(SELECT))
                .isInstanceOf(CardFailureException.class).hasMessageContaining("exceeds");
    }

    @Test
    void aCardDyingMidCommandIsReportedAsRemoved() {
        CardChannel dying = new ScriptedChannel(command -> {
            throw new IllegalArgumentException("Invalid response length");
        });

        assertThatThrownBy(() -> new ApduExchange(dying).transmit(SELECT))
                .isInstanceOf(CardRemovedException.class);
    }

    @Test
    void aCardExceptionFromARemovedCardIsReportedAsRemoved() {
        CardChannel removed = new ScriptedChannel(command -> {
            throw new CardException("sun.security.smartcardio.PCSCException: SCARD_W_REMOVED_CARD");
        });

        assertThatThrownBy(() -> new ApduExchange(removed).transmit(SELECT))
                .isInstanceOf(CardRemovedException.class);
    }

    @Test
    void aLostPcscServiceIsReportedAsServiceUnavailable() {
        CardChannel serviceGone = new ScriptedChannel(command -> {
            throw new CardException("sun.security.smartcardio.PCSCException: SCARD_E_NO_SERVICE");
        });

        assertThatThrownBy(() -> new ApduExchange(serviceGone).transmit(SELECT))
                .isInstanceOf(ReaderServiceUnavailableException.class);
    }

    private static byte[] filled(int length, int value) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) value);
        return data;
    }

    private static ResponseAPDU answer(byte[] data, int sw1, int sw2) {
        byte[] bytes = Arrays.copyOf(data, data.length + 2);
        bytes[data.length] = (byte) sw1;
        bytes[data.length + 1] = (byte) sw2;
        return new ResponseAPDU(bytes);
    }

    /** A channel that answers from a script, or from a function, and records what it was sent. */
    private static final class ScriptedChannel extends CardChannel {

        private final List<CommandAPDU> sent = new ArrayList<>();
        private final Function<CommandAPDU, ResponseAPDU> answers;

        ScriptedChannel(ResponseAPDU... script) {
            Deque<ResponseAPDU> queue = new ArrayDeque<>(List.of(script));
            this.answers = command -> queue.removeFirst();
        }

        ScriptedChannel(ThrowingAnswer answer) {
            this.answers = command -> {
                try {
                    return answer.apply(command);
                } catch (CardException e) {
                    throw new WrappedCardException(e);
                }
            };
        }

        @Override
        public ResponseAPDU transmit(CommandAPDU command) throws CardException {
            sent.add(command);
            try {
                return answers.apply(command);
            } catch (WrappedCardException e) {
                throw (CardException) e.getCause();
            }
        }

        @Override
        public Card getCard() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getChannelNumber() {
            return 0;
        }

        @Override
        public int transmit(ByteBuffer command, ByteBuffer response) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    @FunctionalInterface
    private interface ThrowingAnswer {
        ResponseAPDU apply(CommandAPDU command) throws CardException;
    }

    private static final class WrappedCardException extends RuntimeException {
        WrappedCardException(CardException cause) {
            super(cause);
        }
    }
}
