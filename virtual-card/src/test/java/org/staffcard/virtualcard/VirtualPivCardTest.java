package org.staffcard.virtualcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VirtualPivCardTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String SELECT_PIV = "00A404000BA00000030800001000010000";
    private static final String GET_CHUID = "00CB3FFF055C035FC10200";
    private static final String GET_AUTH_CERTIFICATE = "00CB3FFF055C035FC10500";
    private static final String VERIFY_EMPTY = "00200080";
    private static final String SHA256_DIGEST_INFO_PREFIX = "3031300D060960864801650304020105000420";
    private static final byte[] MESSAGE = "STAFFCARD-LOGIN-V1 test message".getBytes(StandardCharsets.US_ASCII);

    private static TestPivCard rsaIssued;
    private static TestPivCard p256Issued;
    private VirtualPivCard card;

    @BeforeAll
    static void issueCards() {
        rsaIssued = TestCards.issuePiv(PivKeyType.RSA_2048);
        p256Issued = TestCards.issuePiv(PivKeyType.ECC_P256);
    }

    @BeforeEach
    void newCard() {
        card = rsaIssued.newCard();
    }

    @Test
    void selectingTheFullAidAnswersTheApplicationPropertyTemplate() throws Exception {
        byte[] answer = transmit(card, SELECT_PIV);

        assertThat(statusOf(answer)).isEqualTo("9000");
        List<BerTlv.Element> template = BerTlv.parse(BerTlv.parse(dataOf(answer)).get(0).value());
        assertThat(template.get(0).tag()).isEqualTo(0x4F);
        assertThat(HEX.formatHex(template.get(0).value())).isEqualTo("000010000100");
    }

    @Test
    void selectsWithTheAidWithoutItsVersion() {
        assertThat(send(card, "00A4040C09A00000030800001000")).isEqualTo("9000");
    }

    @Test
    void refusesTheNistRidAloneAsAnAid() {
        assertThat(send(card, "00A4040C05A000000308")).isEqualTo("6A82");
    }

    @Test
    void refusesGetDataBeforeThePivApplicationIsSelected() {
        assertThat(send(card, GET_CHUID)).isEqualTo("6A82");
    }

    @Test
    void theChuidCarriesTheCardUuidInTag34AndA25ByteFascN() throws Exception {
        send(card, SELECT_PIV);

        List<BerTlv.Element> chuid = BerTlv.parse(unwrap53(readObject(card, GET_CHUID)));

        assertThat(valueOf(chuid, 0x34)).isEqualTo(rsaIssued.profile().cardUuid());
        assertThat(valueOf(chuid, 0x30)).hasSize(25);
    }

    @Test
    void theCardUserIdIsTheCardUuidAs32LowercaseHexCharacters() {
        assertThat(card.cardUserId()).matches("[0-9a-f]{32}")
                .isEqualTo(HexFormat.of().formatHex(rsaIssued.profile().cardUuid()));
    }

    @Test
    void theAuthenticationCertificateComesThroughGetResponseInAnUncompressedContainer() throws Exception {
        send(card, SELECT_PIV);

        byte[] first = transmit(card, GET_AUTH_CERTIFICATE);
        List<BerTlv.Element> container = BerTlv.parse(unwrap53(readObject(card, GET_AUTH_CERTIFICATE)));

        assertThat(first).hasSize(256 + 2);
        assertThat(first[256]).isEqualTo((byte) 0x61);
        assertThat(valueOf(container, 0x70)).isEqualTo(rsaIssued.certificate().getEncoded());
        assertThat(valueOf(container, 0x71)).containsExactly(0x00);
    }

    @Test
    void aShortLeGetsTheFirstBytesWithMoreDataAnnounced() {
        send(card, SELECT_PIV);

        byte[] answer = transmit(card, "00CB3FFF055C035FC10508");

        assertThat(answer).hasSize(8 + 2);
        assertThat(answer[0]).isEqualTo((byte) 0x53);
        assertThat(answer[1]).isEqualTo((byte) 0x82);
        assertThat(answer[8]).isEqualTo((byte) 0x61);
    }

    @Test
    void anObjectTheIssuerDidNotWriteIsNotFound() {
        send(card, SELECT_PIV);

        assertThat(send(card, "00CB3FFF055C035FC10A00")).isEqualTo("6A82");
    }

    @Test
    void theDiscoveryObjectNamesThePivAid() throws Exception {
        send(card, SELECT_PIV);

        byte[] discovery = readObject(card, "00CB3FFF035C017E00");

        List<BerTlv.Element> inside = BerTlv.parse(BerTlv.parse(discovery).get(0).value());
        assertThat(HEX.formatHex(valueOf(inside, 0x4F))).isEqualTo("A0000003080000100001 00".replace(" ", ""));
    }

    @Test
    void anEmptyVerifyReportsTheTriesLeftWithoutSpendingOne() {
        send(card, SELECT_PIV);

        assertThat(send(card, VERIFY_EMPTY)).isEqualTo("63C3");
        assertThat(send(card, VERIFY_EMPTY)).isEqualTo("63C3");
    }

    @Test
    void aWrongPinCountsDown() {
        send(card, SELECT_PIV);

        assertThat(send(card, verify("999999"))).isEqualTo("63C2");
        assertThat(send(card, VERIFY_EMPTY)).isEqualTo("63C2");
        assertThat(card.pinTriesLeft()).isEqualTo(2);
    }

    @Test
    void aPinBlockNotPaddedWithFfIsRefusedWithoutSpendingATry() {
        send(card, SELECT_PIV);

        assertThat(send(card, "002000800831323334353600" + "00")).isEqualTo("6A80");
        assertThat(card.pinTriesLeft()).isEqualTo(3);
    }

    @Test
    void threeWrongPinsBlockThePinEvenForTheRightOne() {
        send(card, SELECT_PIV);
        send(card, verify("999999"));
        send(card, verify("999999"));

        assertThat(send(card, verify("999999"))).isEqualTo("63C0");
        assertThat(send(card, verify(TestCards.DEFAULT_PIV_PIN))).isEqualTo("6983");
        assertThat(send(card, VERIFY_EMPTY)).isEqualTo("6983");
    }

    @Test
    void theRightPinVerifiesAndAnEmptyVerifyThenAnswers9000() {
        send(card, SELECT_PIV);

        assertThat(send(card, verify(TestCards.DEFAULT_PIV_PIN))).isEqualTo("9000");
        assertThat(send(card, VERIFY_EMPTY)).isEqualTo("9000");
    }

    @Test
    void aResetForgetsTheVerifiedPin() {
        send(card, SELECT_PIV);
        send(card, verify(TestCards.DEFAULT_PIV_PIN));

        card.reset();
        send(card, SELECT_PIV);

        assertThat(send(card, VERIFY_EMPTY)).isEqualTo("63C3");
    }

    @Test
    void generalAuthenticateWithoutThePinIsRefused() throws Exception {
        send(card, SELECT_PIV);

        byte[] answer = sendChained(card, 0x07, rsaBlock(MESSAGE));

        assertThat(statusOf(answer)).isEqualTo("6982");
    }

    @Test
    void theRsaCardSignsAChainedPaddedBlockWithTheRawPrivateKeyOperation() throws Exception {
        send(card, SELECT_PIV);
        send(card, verify(TestCards.DEFAULT_PIV_PIN));

        byte[] signature = signatureOf(sendChained(card, 0x07, rsaBlock(MESSAGE)));

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(rsaIssued.certificate().getPublicKey());
        verifier.update(MESSAGE);
        assertThat(signature).hasSize(256);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void theP256CardAnswersADerEcdsaSignatureOverTheHash() throws Exception {
        VirtualPivCard ecCard = p256Issued.newCard();
        send(ecCard, SELECT_PIV);
        send(ecCard, verify(TestCards.DEFAULT_PIV_PIN));
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(MESSAGE);

        byte[] signature = signatureOf(sendChained(ecCard, 0x11, hash));

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(p256Issued.certificate().getPublicKey());
        verifier.update(MESSAGE);
        assertThat(signature[0]).isEqualTo((byte) 0x30);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void generalAuthenticateNamingAnotherAlgorithmThanTheKeysIsRefused() throws Exception {
        send(card, SELECT_PIV);
        send(card, verify(TestCards.DEFAULT_PIV_PIN));

        byte[] answer = sendChained(card, 0x11, new byte[32]);

        assertThat(statusOf(answer)).isEqualTo("6A86");
    }

    @Test
    void aKeySlotTheCardDoesNotHoldIsNotFound() {
        send(card, SELECT_PIV);
        send(card, verify(TestCards.DEFAULT_PIV_PIN));

        assertThat(send(card, "0087079C087C06820081020102")).isEqualTo("6A88");
    }

    @Test
    void anotherCommandInTheMiddleOfAChainAbandonsTheChain() {
        send(card, SELECT_PIV);
        send(card, verify(TestCards.DEFAULT_PIV_PIN));

        assertThat(send(card, "1087079A037C8201")).isEqualTo("9000");
        assertThat(send(card, GET_CHUID)).isEqualTo("6883");
        assertThat(send(card, GET_CHUID)).isEqualTo("9000");
    }

    @Test
    void withTheGetResponseQuirkEvenAShortAnswerComesThrough61xx() {
        VirtualPivCard quirky = rsaIssued.newCard(CardQuirks.getResponseOnly());

        byte[] answer = transmit(quirky, SELECT_PIV);

        assertThat(answer).hasSize(2);
        assertThat(answer[0]).isEqualTo((byte) 0x61);
    }

    @Test
    void theAtrNamesThePivAidInItsHistoricalBytesAndChecksOut() {
        byte[] atr = card.atr();

        int check = 0;
        for (int i = 1; i < atr.length; i++) {
            check ^= atr[i];
        }
        assertThat(check).isZero();
        assertThat(HEX.formatHex(atr)).contains("F9A00000030800001000");
    }

    private static String verify(String pin) {
        byte[] block = new byte[8];
        Arrays.fill(block, (byte) 0xFF);
        byte[] digits = pin.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, block, 0, digits.length);
        return "0020008008" + HEX.formatHex(block);
    }

    /** EMSA-PKCS1-v1_5 for SHA-256 over a 2048-bit modulus, as a PIV reader prepares it. */
    private static byte[] rsaBlock(byte[] message) throws Exception {
        byte[] digestInfo = HEX.parseHex(SHA256_DIGEST_INFO_PREFIX
                + HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(message)));
        byte[] block = new byte[256];
        Arrays.fill(block, (byte) 0xFF);
        block[0] = 0x00;
        block[1] = 0x01;
        block[block.length - digestInfo.length - 1] = 0x00;
        System.arraycopy(digestInfo, 0, block, block.length - digestInfo.length, digestInfo.length);
        return block;
    }

    /** GENERAL AUTHENTICATE on slot 9A, chained in parts of 255 bytes, with GET RESPONSE until the end. */
    private static byte[] sendChained(VirtualPivCard target, int algorithm, byte[] challenge) {
        byte[] template = BerTlv.encode(0x7C, BerTlv.concat(BerTlv.encode(0x82, new byte[0]),
                BerTlv.encode(0x81, challenge)));
        int offset = 0;
        while (template.length - offset > 255) {
            byte[] part = Arrays.copyOfRange(template, offset, offset + 255);
            byte[] answer = target.transmit(BerTlv.concat(new byte[] {0x10, (byte) 0x87, (byte) algorithm,
                (byte) 0x9A, (byte) 0xFF}, part));
            assertThat(statusOf(answer)).isEqualTo("9000");
            offset += 255;
        }
        byte[] last = Arrays.copyOfRange(template, offset, template.length);
        byte[] answer = target.transmit(BerTlv.concat(new byte[] {0x00, (byte) 0x87, (byte) algorithm,
            (byte) 0x9A, (byte) last.length}, last, new byte[] {0x00}));
        return followGetResponse(target, answer);
    }

    private static byte[] signatureOf(byte[] answer) throws Exception {
        assertThat(statusOf(answer)).isEqualTo("9000");
        List<BerTlv.Element> outer = BerTlv.parse(dataOf(answer));
        assertThat(outer.get(0).tag()).isEqualTo(0x7C);
        return valueOf(BerTlv.parse(outer.get(0).value()), 0x82);
    }

    private static byte[] readObject(VirtualPivCard target, String getData) {
        byte[] answer = followGetResponse(target, transmit(target, getData));
        assertThat(statusOf(answer)).isEqualTo("9000");
        return dataOf(answer);
    }

    private static byte[] followGetResponse(VirtualPivCard target, byte[] first) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] answer = first;
        data.writeBytes(dataOf(answer));
        while (answer[answer.length - 2] == 0x61) {
            answer = target.transmit(new byte[] {0x00, (byte) 0xC0, 0x00, 0x00, answer[answer.length - 1]});
            data.writeBytes(dataOf(answer));
        }
        data.writeBytes(Arrays.copyOfRange(answer, answer.length - 2, answer.length));
        return data.toByteArray();
    }

    private static byte[] unwrap53(byte[] object) throws Exception {
        List<BerTlv.Element> outer = BerTlv.parse(object);
        assertThat(outer).hasSize(1);
        assertThat(outer.get(0).tag()).isEqualTo(0x53);
        return outer.get(0).value();
    }

    private static byte[] valueOf(List<BerTlv.Element> elements, int tag) {
        return elements.stream().filter(e -> e.tag() == tag).findFirst()
                .orElseThrow(() -> new AssertionError("no tag " + Integer.toHexString(tag))).value();
    }

    private static byte[] transmit(VirtualPivCard target, String hex) {
        return target.transmit(HEX.parseHex(hex));
    }

    private static String send(VirtualPivCard target, String hex) {
        return statusOf(transmit(target, hex));
    }

    private static String statusOf(byte[] answer) {
        return HEX.formatHex(answer, answer.length - 2, answer.length);
    }

    private static byte[] dataOf(byte[] answer) {
        return Arrays.copyOf(answer, answer.length - 2);
    }
}
