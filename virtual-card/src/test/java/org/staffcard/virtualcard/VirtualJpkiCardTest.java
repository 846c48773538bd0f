package org.staffcard.virtualcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VirtualJpkiCardTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String SELECT_JPKI = "00A4040C0AD392F000260100000001";
    private static final String SELECT_FREE_AREA = "00A4040C08F053544146464944";
    private static final String SHA256_DIGEST_INFO_PREFIX = "3031300D060960864801650304020105000420";

    private static TestCard issued;
    private VirtualJpkiCard card;

    @BeforeAll
    static void issueCard() {
        issued = TestCards.issue("S0099999");
    }

    @BeforeEach
    void newCard() {
        card = issued.newCard();
    }

    @Test
    void selectsTheJpkiApplication() {
        assertThat(send(SELECT_JPKI)).isEqualTo("9000");
    }

    @Test
    void refusesAnUnknownApplication() {
        assertThat(send("00A4040C0AD392F000260100000099")).isEqualTo("6A82");
    }

    @Test
    void refusesAnUnknownFileInTheJpkiApplication() {
        send(SELECT_JPKI);

        assertThat(send("00A4020C020042")).isEqualTo("6A82");
    }

    @Test
    void readsTokenInformationStartingWithTheJpkiLabel() {
        send(SELECT_JPKI);
        send("00A4020C020006");

        byte[] answer = transmit("00B0000020");

        assertThat(statusOf(answer)).isEqualTo("9000");
        assertThat(answer).hasSize(32 + 2);
        assertThat(new String(answer, 0, 14, StandardCharsets.US_ASCII)).isEqualTo("JPKIAPICCTOKEN");
    }

    @Test
    void readsTheCertificateInChunksAtTheRequestedOffsets() throws Exception {
        byte[] expected = issued.certificate().getEncoded();

        byte[] read = readWholeFile(card, "000A", 100);

        assertThat(read).isEqualTo(expected);
    }

    @Test
    void readsTheCaCertificateFromItsOwnFile() throws Exception {
        byte[] read = readWholeFile(card, "000B", 255);

        assertThat(read).isEqualTo(issued.authority().certificate().getEncoded());
    }

    @Test
    void leZeroReadsTwoHundredFiftySixBytes() {
        send(SELECT_JPKI);
        send("00A4020C02000A");

        byte[] answer = transmit("00B0000100");

        assertThat(answer).hasSize(256 + 2);
        assertThat(statusOf(answer)).isEqualTo("9000");
    }

    @Test
    void readingPastTheEndOfTheFileIsRefused() {
        send(SELECT_JPKI);
        send("00A4020C020006");

        assertThat(send("00B0002001")).isEqualTo("6B00");
    }

    @Test
    void readBinaryWithoutASelectedFileIsRefused() {
        send(SELECT_JPKI);

        assertThat(send("00B0000010")).isEqualTo("6986");
    }

    @Test
    void emptyVerifyReportsThreeTriesOnAFreshCard() {
        selectPin();

        assertThat(send("00200080")).isEqualTo("63C3");
    }

    @Test
    void wrongPinsCountTheTriesDownUntilThePinIsBlocked() {
        selectPin();

        assertThat(send(verify("9999"))).isEqualTo("63C2");
        assertThat(send(verify("9998"))).isEqualTo("63C1");
        assertThat(send(verify("9997"))).isEqualTo("63C0");
        assertThat(send(verify("1234"))).isEqualTo("6984");
        assertThat(send("00200080")).isEqualTo("6984");
    }

    @Test
    void correctPinRestoresTheTries() {
        selectPin();
        send(verify("0000"));

        assertThat(send(verify("1234"))).isEqualTo("9000");
        assertThat(send("00200080")).isEqualTo("63C3");
    }

    @Test
    void signaturePasswordReportsFiveTriesAndRefusesAttemptsWithoutSpendingThem() {
        send(SELECT_JPKI);
        send("00A4020C02001B");

        assertThat(send(verify("ABCDEF"))).isEqualTo("6985");
        assertThat(send("00200080")).isEqualTo("63C5");
    }

    @Test
    void signIsRefusedBeforeThePinIsVerified() {
        send(SELECT_JPKI);
        send("00A4020C020017");

        assertThat(send(signCommand(digestInfo("data".getBytes(StandardCharsets.UTF_8))))).isEqualTo("6982");
    }

    @Test
    void signatureVerifiesAsSha256WithRsaOverTheOriginalData() throws Exception {
        byte[] data = "STAFFCARD-LOGIN-V1 sample".getBytes(StandardCharsets.UTF_8);
        selectPin();
        send(verify("1234"));
        send("00A4020C020017");

        byte[] answer = transmit(signCommand(digestInfo(data)));

        assertThat(statusOf(answer)).isEqualTo("9000");
        byte[] signature = Arrays.copyOf(answer, answer.length - 2);
        assertThat(signature).hasSize(256);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(issued.certificate().getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void resetForgetsTheVerifiedPin() {
        selectPin();
        send(verify("1234"));

        card.reset();

        send(SELECT_JPKI);
        send("00A4020C020017");
        assertThat(send(signCommand(digestInfo(new byte[] {1})))).isEqualTo("6982");
    }

    @Test
    void resetKeepsTheRetryCounter() {
        selectPin();
        send(verify("0000"));

        card.reset();

        assertThat(card.pinTriesLeft()).isEqualTo(2);
    }

    @Test
    void selectingTheFreeAreaForgetsTheVerifiedPin() {
        selectPin();
        send(verify("1234"));

        send(SELECT_FREE_AREA);
        send(SELECT_JPKI);
        send("00A4020C020017");

        assertThat(send(signCommand(digestInfo(new byte[] {1})))).isEqualTo("6982");
    }

    @Test
    void readsTheCardUserIdFromTheFreeAreaWithoutAPin() {
        assertThat(send(SELECT_FREE_AREA)).isEqualTo("9000");
        assertThat(send("00A4020C020001")).isEqualTo("9000");

        byte[] answer = transmit("00B0000000");

        assertThat(statusOf(answer)).isEqualTo("9000");
        assertThat(new String(answer, 0, answer.length - 2, StandardCharsets.US_ASCII)).isEqualTo("S0099999");
    }

    @Test
    void cardWithoutFreeAreaDoesNotKnowItsAid() {
        VirtualJpkiCard bare = new VirtualJpkiCard(new VirtualCardProfile(issued.profile().certificateChain(),
                issued.profile().privateKey(), "1234", "S0099999", Optional.empty()));

        assertThat(statusOf(bare.transmit(HEX.parseHex(SELECT_FREE_AREA)))).isEqualTo("6A82");
    }

    @Test
    void selectEfWithAOneByteFileIdIsAWrongLength() {
        send(SELECT_JPKI);

        assertThat(send("00A4020C0100")).isEqualTo("6700");
    }

    @Test
    void commandWhoseLcDisagreesWithItsLengthIsAWrongLength() {
        assertThat(send("00A4040C0AD392F0")).isEqualTo("6700");
    }

    @Test
    void unknownInstructionIsNotSupported() {
        assertThat(send("00CA000000")).isEqualTo("6D00");
    }

    @Test
    void moreDataQuirkHandsTheCertificateOutThroughGetResponse() throws Exception {
        VirtualJpkiCard quirky = issued.newCard(CardQuirks.getResponseOnly());
        quirky.transmit(HEX.parseHex(SELECT_JPKI));
        quirky.transmit(HEX.parseHex("00A4020C02000A"));

        byte[] first = quirky.transmit(HEX.parseHex("00B0000080"));
        assertThat(HEX.formatHex(first).toUpperCase()).isEqualTo("6180");

        byte[] answer = quirky.transmit(HEX.parseHex("00C0000080"));
        assertThat(statusOf(answer)).isEqualTo("9000");
        assertThat(Arrays.copyOf(answer, 128)).isEqualTo(Arrays.copyOf(issued.certificate().getEncoded(), 128));
    }

    @Test
    void moreDataQuirkSplitsALongAnswerIntoSeveralGetResponses() {
        VirtualJpkiCard quirky = issued.newCard(CardQuirks.getResponseOnly());
        quirky.transmit(HEX.parseHex(SELECT_JPKI));
        quirky.transmit(HEX.parseHex("00A4020C02000A"));
        quirky.transmit(HEX.parseHex("00B0000000"));

        byte[] part = quirky.transmit(HEX.parseHex("00C0000010"));

        assertThat(part).hasSize(16 + 2);
        assertThat(statusOf(part)).isEqualTo("61F0");
    }

    @Test
    void getResponseWithNothingPendingIsRefused() {
        assertThat(send("00C0000010")).isEqualTo("6985");
    }

    @Test
    void wrongLeQuirkNamesTheRightLength() {
        VirtualJpkiCard quirky = issued.newCard(CardQuirks.wrongLeOnly());
        quirky.transmit(HEX.parseHex(SELECT_JPKI));
        quirky.transmit(HEX.parseHex("00A4020C020006"));

        assertThat(statusOf(quirky.transmit(HEX.parseHex("00B0000000")))).isEqualTo("6C20");
        byte[] answer = quirky.transmit(HEX.parseHex("00B0000020"));
        assertThat(answer).hasSize(32 + 2);
        assertThat(statusOf(answer)).isEqualTo("9000");
    }

    @Test
    void withoutTheWrongLeQuirkATooLargeLeGetsTheBytesThereAre() {
        send(SELECT_JPKI);
        send("00A4020C020006");

        byte[] answer = transmit("00B0000000");

        assertThat(answer).hasSize(32 + 2);
        assertThat(statusOf(answer)).isEqualTo("9000");
    }

    @Test
    void atrIsWellFormedWithAValidCheckByte() {
        byte[] atr = card.atr();

        assertThat(HEX.formatHex(atr, 0, 4).toUpperCase()).isEqualTo("3B8A8001");
        byte check = 0;
        for (int i = 1; i < atr.length; i++) {
            check ^= atr[i];
        }
        assertThat(check).isZero();
        assertThat(atr).hasSize(4 + 10 + 1);
    }

    private void selectPin() {
        send(SELECT_JPKI);
        send("00A4020C020018");
    }

    private static String verify(String pin) {
        byte[] ascii = pin.getBytes(StandardCharsets.US_ASCII);
        return String.format("00200080%02X", ascii.length) + HEX.formatHex(ascii);
    }

    static String signCommand(byte[] digestInfo) {
        return String.format("802A0080%02X", digestInfo.length) + HEX.formatHex(digestInfo) + "00";
    }

    static byte[] digestInfo(byte[] data) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(HEX.parseHex(SHA256_DIGEST_INFO_PREFIX));
            out.writeBytes(hash);
            return out.toByteArray();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a file the way a reader does: the DER header first, then the rest in chunks. */
    static byte[] readWholeFile(VirtualJpkiCard target, String fileId, int chunk) {
        target.transmit(HEX.parseHex(SELECT_JPKI));
        target.transmit(HEX.parseHex("00A4020C02" + fileId));
        byte[] header = target.transmit(HEX.parseHex("00B0000004"));
        int total = 4 + (((header[2] & 0xFF) << 8) | (header[3] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < total; offset += chunk) {
            int length = Math.min(chunk, total - offset);
            byte[] answer = target.transmit(HEX.parseHex(String.format("00B0%04X%02X", offset, length)));
            assertThat(statusOf(answer)).isEqualTo("9000");
            out.write(answer, 0, answer.length - 2);
        }
        return out.toByteArray();
    }

    static String statusOf(byte[] answer) {
        return HEX.formatHex(answer, answer.length - 2, answer.length).toUpperCase();
    }

    private byte[] transmit(String hex) {
        return card.transmit(HEX.parseHex(hex));
    }

    private String send(String hex) {
        return statusOf(transmit(hex));
    }
}
