package org.staffcard.virtualcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plays vpcd's side of the link on a loopback port of the test's own, so no pcscd is needed. */
class VpcdConnectionTest {

    private static TestCard issued;

    private ServerSocket fakeVpcd;
    private VpcdConnection connection;
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void issueCard() {
        issued = TestCards.issue("S0055555");
    }

    @BeforeEach
    void listen() throws IOException {
        fakeVpcd = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        if (connection != null) {
            connection.close();
        }
        fakeVpcd.close();
    }

    @Test
    void answersTheAtrRequestWithTheCardsAtr() throws Exception {
        VirtualJpkiCard card = issued.newCard();
        startConnection(card);

        try (Socket link = fakeVpcd.accept()) {
            send(link, new byte[] {0x04});

            assertThat(receive(link)).isEqualTo(card.atr());
        }
    }

    @Test
    void answersACommandApduWithTheResponseApdu() throws Exception {
        startConnection(issued.newCard());

        try (Socket link = fakeVpcd.accept()) {
            send(link, new byte[] {0x01});
            send(link, HexFormat.of().parseHex("00A4040C0AD392F000260100000001"));

            assertThat(receive(link)).containsExactly(0x90, 0x00);
        }
    }

    @Test
    void powerOffForgetsTheVerifiedPin() throws Exception {
        startConnection(issued.newCard());

        try (Socket link = fakeVpcd.accept()) {
            transmit(link, "00A4040C0AD392F000260100000001");
            transmit(link, "00A4020C020018");
            assertThat(transmit(link, "002000800431323334")).isEqualTo("9000");
            send(link, new byte[] {0x00});
            send(link, new byte[] {0x01});

            transmit(link, "00A4040C0AD392F000260100000001");
            transmit(link, "00A4020C020017");
            String sign = VirtualJpkiCardTest.signCommand(VirtualJpkiCardTest.digestInfo(new byte[] {7}));
            assertThat(transmit(link, sign)).isEqualTo("6982");
        }
    }

    @Test
    void reportsTheInsertionOnceConnected() throws Exception {
        startConnection(issued.newCard());

        try (Socket link = fakeVpcd.accept()) {
            assertThat(connection.awaitInserted(Duration.ofSeconds(5))).isTrue();
            assertThat(progress).contains("Virtual card S0055555 inserted in the virtual reader (vpcd 127.0.0.1:"
                    + fakeVpcd.getLocalPort() + ")");
        }
    }

    @Test
    void reconnectsAfterVpcdClosesTheLink() throws Exception {
        startConnection(issued.newCard());
        fakeVpcd.accept().close();

        try (Socket again = fakeVpcd.accept()) {
            send(again, new byte[] {0x04});

            assertThat(receive(again)).hasSize(15);
        }
    }

    @Test
    void closingTakesTheCardOut() throws Exception {
        startConnection(issued.newCard());

        try (Socket link = fakeVpcd.accept()) {
            connection.awaitInserted(Duration.ofSeconds(5));
            connection.close();

            assertThat(link.getInputStream().read()).isEqualTo(-1);
            assertThat(connection.isInserted()).isFalse();
        }
    }

    @Test
    void refusesAHostOffThisMachine() {
        assertThatThrownBy(() -> new VpcdConnection("192.0.2.1", 35963, issued.newCard(), progress::add))
                .isInstanceOf(NonLoopbackAddressException.class);
    }

    private void startConnection(VirtualJpkiCard card) {
        connection = new VpcdConnection("127.0.0.1", fakeVpcd.getLocalPort(), card, progress::add);
        connection.start();
    }

    private static String transmit(Socket link, String commandHex) throws IOException {
        send(link, HexFormat.of().parseHex(commandHex));
        byte[] answer = receive(link);
        return VirtualJpkiCardTest.statusOf(answer);
    }

    private static void send(Socket link, byte[] payload) throws IOException {
        DataOutputStream out = new DataOutputStream(link.getOutputStream());
        out.writeShort(payload.length);
        out.write(payload);
        out.flush();
    }

    private static byte[] receive(Socket link) throws IOException {
        DataInputStream in = new DataInputStream(link.getInputStream());
        link.setSoTimeout(5000);
        byte[] payload = new byte[in.readUnsignedShort()];
        in.readFully(payload);
        return payload;
    }
}
