package org.staffcard.virtualcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.Test;

/**
 * The demo card through the real PC/SC stack: vpcd inside pcscd, and the JDK's PC/SC provider. Runs only where
 * pcscd with the vpcd driver already listens on 127.0.0.1:35963 when the test JVM starts.
 */
class VirtualCardThroughPcscdTest {

    private static final int VPCD_PORT = VpcdConnection.DEFAULT_PORT;
    private static final String READER_NAME = "Virtual PCD";

    @Test
    void readsTheDemoCertificateThroughPcscd() throws Exception {
        assumeTrue(vpcdListens(), "pcscd with vpcd is not listening on 127.0.0.1:" + VPCD_PORT
                + "; start it before Maven to run this test");

        try (VpcdConnection connection = new VpcdConnection("127.0.0.1", VPCD_PORT, DemoCard.newCard(), line -> {
        })) {
            connection.start();
            assertThat(connection.awaitInserted(Duration.ofSeconds(10))).isTrue();
            CardTerminal reader = findReaderWithCard(Duration.ofSeconds(10))
                    .orElseThrow(() -> new AssertionError("no '" + READER_NAME + "' reader with a card"));

            Card card = connectWhenPowered(reader, Duration.ofSeconds(5));
            try {
                CardChannel channel = card.getBasicChannel();
                assertThat(send(channel, "00A4040C0AD392F000260100000001").getSW()).isEqualTo(0x9000);
                assertThat(send(channel, "00A4020C02000A").getSW()).isEqualTo(0x9000);

                assertThat(readCertificate(channel)).isEqualTo(DemoCard.certificate().getEncoded());
            } finally {
                card.disconnect(false);
            }
        }
    }

    /**
     * Right after pcscd reports a new card, the first command can still fail with SCARD_E_NOT_TRANSACTED while the
     * daemon finishes powering the card up; a fresh connection a moment later works. Bounded by {@code limit}.
     */
    private static Card connectWhenPowered(CardTerminal reader, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Card card = reader.connect("*");
            try {
                byte[] selectJpki = HexFormat.of().parseHex("00A4040C0AD392F000260100000001");
                card.getBasicChannel().transmit(new CommandAPDU(selectJpki));
                return card;
            } catch (CardException e) {
                card.disconnect(false);
                if (System.nanoTime() > deadline || !String.valueOf(e.getMessage()).contains("NOT_TRANSACTED")) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static Optional<CardTerminal> findReaderWithCard(Duration timeout) throws CardException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // pcscd notices the card by polling about every 400 ms, so the reader shows a card a moment after insertion.
        while (System.nanoTime() < deadline) {
            for (CardTerminal terminal : TerminalFactory.getDefault().terminals().list()) {
                if (terminal.getName().startsWith(READER_NAME) && terminal.isCardPresent()) {
                    return Optional.of(terminal);
                }
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private static byte[] readCertificate(CardChannel channel) throws CardException {
        ResponseAPDU header = send(channel, "00B0000004");
        byte[] start = header.getData();
        int total = 4 + (((start[2] & 0xFF) << 8) | (start[3] & 0xFF));
        ByteArrayOutputStream certificate = new ByteArrayOutputStream();
        for (int offset = 0; offset < total; offset += 256) {
            int length = Math.min(256, total - offset);
            ResponseAPDU chunk = channel.transmit(new CommandAPDU(0x00, 0xB0, offset >> 8, offset & 0xFF, length));
            assertThat(chunk.getSW()).isEqualTo(0x9000);
            certificate.writeBytes(chunk.getData());
        }
        return certificate.toByteArray();
    }

    private static ResponseAPDU send(CardChannel channel, String hex) throws CardException {
        return channel.transmit(new CommandAPDU(HexFormat.of().parseHex(hex)));
    }

    /**
     * Asks the kernel for listening sockets instead of connecting: to vpcd a connection is a card insertion.
     * Port 35963 is 8C7B in /proc/net/tcp; state 0A is LISTEN.
     */
    private static boolean vpcdListens() throws IOException {
        String port = String.format(":%04X ", VPCD_PORT);
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path path = Path.of(table);
            if (Files.isReadable(path)) {
                boolean listening = Files.readAllLines(path).stream().skip(1).map(String::trim)
                        .map(line -> line.split("\\s+"))
                        .anyMatch(fields -> (fields[1] + " ").endsWith(port) && "0A".equals(fields[3]));
                if (listening) {
                    return true;
                }
            }
        }
        return false;
    }
}
