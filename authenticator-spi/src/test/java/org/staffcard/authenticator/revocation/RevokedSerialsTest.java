package org.staffcard.authenticator.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Serial numbers as they appear in CRLs, compared as numbers (the serials of the field cases). */
class RevokedSerialsTest {

    private static RevokedSerials listing(String... hexEncodings) throws MalformedCrlException {
        RevokedSerials.Builder builder = RevokedSerials.builder();
        for (String hex : hexEncodings) {
            byte[] content = HexFormat.of().parseHex(hex.replace(" ", ""));
            builder.addTwosComplement(content, 0, content.length);
        }
        return builder.build();
    }

    @Test
    void serialWrittenWithARedundantLeadingZeroIsTheSameNumber() throws Exception {
        RevokedSerials serials = listing("00 20 AB B6 B7 F6 23 61");

        assertThat(serials.contains(new BigInteger("20ABB6B7F62361", 16))).isTrue();
        assertThat(serials.contains(new BigInteger("20ABB6B7F6236100", 16))).isFalse();
    }

    @Test
    void neededLeadingZeroKeepsTheSerialPositive() throws Exception {
        RevokedSerials serials = listing("00 F0 0F");

        assertThat(serials.contains(BigInteger.valueOf(0xF00F))).isTrue();
        assertThat(serials.contains(BigInteger.valueOf((short) 0xF00F))).isFalse();
    }

    @Test
    void negativeSerialIsMatchedAsANegativeNumber() throws Exception {
        RevokedSerials serials = listing("FF 7F");

        assertThat(serials.contains(BigInteger.valueOf(-129))).isTrue();
        assertThat(serials.contains(BigInteger.valueOf(0xFF7F))).isFalse();
    }

    @Test
    void twentyOctetSerialIsMatchedExactly() throws Exception {
        String twenty = "7F 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11 12 13";
        RevokedSerials serials = listing(twenty, "01");
        BigInteger value = new BigInteger(HexFormat.of().parseHex(twenty.replace(" ", "")));

        assertThat(serials.contains(value)).isTrue();
        assertThat(serials.contains(value.add(BigInteger.ONE))).isFalse();
        assertThat(serials.contains(BigInteger.ONE)).isTrue();
        assertThat(serials.size()).isEqualTo(2);
    }

    @Test
    void serialThatOnlyLooksAlikeAsTextIsNotMatched() throws Exception {
        RevokedSerials serials = listing("01 00");

        assertThat(serials.contains(BigInteger.valueOf(0x0100))).isTrue();
        assertThat(serials.contains(BigInteger.valueOf(100))).isFalse();
        assertThat(serials.contains(BigInteger.valueOf(0x10))).isFalse();
    }
}
