package org.staffcard.agent;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcdsaSignatureEncodingTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] integer(byte[] value) {
        return BerTlv.encode(0x02, value);
    }

    private static byte[] sequence(byte[] r, byte[] s) {
        byte[] both = Arrays.copyOf(r, r.length + s.length);
        System.arraycopy(s, 0, both, r.length, s.length);
        return BerTlv.encode(0x30, both);
    }

    @Test
    void aShortRIsPaddedOnTheLeftToTheFieldLength() throws Exception {
        byte[] r = filled(31, 0x11);
        byte[] s = filled(32, 0x22);

        byte[] raw = EcdsaSignatureEncoding.derToRaw(sequence(integer(r), integer(s)), 32);

        assertThat(HEX.formatHex(raw)).isEqualTo("00" + "11".repeat(31) + "22".repeat(32));
    }

    @Test
    void theSignByteBeforeAHighBitIsDropped() throws Exception {
        byte[] s = new byte[33];
        s[1] = (byte) 0x80;
        Arrays.fill(s, 2, 33, (byte) 0x7F);

        byte[] raw = EcdsaSignatureEncoding.derToRaw(sequence(integer(filled(32, 0x01)), integer(s)), 32);

        assertThat(raw).hasSize(64);
        assertThat(raw[32]).isEqualTo((byte) 0x80);
        assertThat(raw[63]).isEqualTo((byte) 0x7F);
    }

    @Test
    void anRStartingWith30IsReadByItsLengthNotByItsFirstByte() throws Exception {
        byte[] r = filled(32, 0x30);

        byte[] raw = EcdsaSignatureEncoding.derToRaw(sequence(integer(r), integer(filled(32, 0x05))), 32);

        assertThat(Arrays.copyOf(raw, 32)).isEqualTo(r);
    }

    @Test
    void aP384SignatureGives96Bytes() throws Exception {
        byte[] raw = EcdsaSignatureEncoding.derToRaw(sequence(integer(filled(48, 0x21)),
                integer(filled(47, 0x22))), 48);

        assertThat(raw).hasSize(96);
        assertThat(raw[48]).isZero();
    }

    @Test
    void aP521SignatureWithALongFormLengthGives132Bytes() throws Exception {
        byte[] r = filled(66, 0x01);
        byte[] s = filled(66, 0x01);

        byte[] raw = EcdsaSignatureEncoding.derToRaw(sequence(integer(r), integer(s)), 66);

        assertThat(raw).hasSize(132);
    }

    @Test
    void refusesBytesAfterTheSequence() {
        byte[] der = sequence(integer(filled(32, 0x01)), integer(filled(32, 0x02)));
        byte[] trailing = Arrays.copyOf(der, der.length + 1);

        assertThatThrownBy(() -> EcdsaSignatureEncoding.derToRaw(trailing, 32))
                .isInstanceOf(CardFailureException.class);
    }

    @Test
    void refusesANegativeInteger() {
        byte[] der = sequence(integer(filled(32, 0x81)), integer(filled(32, 0x02)));

        assertThatThrownBy(() -> EcdsaSignatureEncoding.derToRaw(der, 32)).isInstanceOf(CardFailureException.class);
    }

    @Test
    void refusesAnIntegerLongerThanTheField() {
        byte[] der = sequence(integer(filled(33, 0x01)), integer(filled(32, 0x02)));

        assertThatThrownBy(() -> EcdsaSignatureEncoding.derToRaw(der, 32)).isInstanceOf(CardFailureException.class);
    }

    @Test
    void refusesARawSignaturePassedAsDer() {
        byte[] raw = filled(64, 0x30);

        assertThatThrownBy(() -> EcdsaSignatureEncoding.derToRaw(raw, 32)).isInstanceOf(CardFailureException.class);
    }
}
