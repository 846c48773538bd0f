package org.staffcard.virtualcard;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;

/**
 * The data objects of the virtual PIV card, each already wrapped as GET DATA returns it (SP 800-73-4 part 1,
 * appendix A). Only the objects the sign-in and a standard PIV reader need are there; GET DATA answers 6A 82 for
 * the rest, as a card does for an object its issuer did not write.
 */
final class PivDataObjects {

    static final int DISCOVERY = 0x7E;
    static final int CHUID = 0x5FC102;
    static final int PIV_AUTHENTICATION_CERTIFICATE = 0x5FC105;

    /**
     * The FASC-N that issuers outside the US federal government write (agency, system and credential numbers all
     * nines), in its 25-byte BCD form with parity. Readers then take the card UUID, not the FASC-N, as the card's
     * identifier.
     */
    private static final byte[] NON_FEDERAL_FASC_N =
            HexFormat.of().parseHex("D4E739DA739CED39CE739D836858210842108421C84210C3EB");

    /** CertInfo 00: the certificate is stored uncompressed. */
    private static final byte[] CERT_INFO_UNCOMPRESSED = {0x00};

    /** PIN usage policy 40 00: only the PIV Card Application PIN, no global PIN. */
    private static final byte[] PIN_USAGE_POLICY = {0x40, 0x00};

    private static final DateTimeFormatter EXPIRATION_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private PivDataObjects() {
    }

    static Map<Integer, byte[]> of(PivCardProfile profile, byte[] aid) {
        return Map.of(
                DISCOVERY, discovery(aid),
                CHUID, chuid(profile),
                PIV_AUTHENTICATION_CERTIFICATE, certificateContainer(profile));
    }

    /** The Discovery Object: the PIV AID and the PIN usage policy. It is a template of its own, not wrapped in 53. */
    private static byte[] discovery(byte[] aid) {
        return BerTlv.encode(DISCOVERY, BerTlv.concat(BerTlv.encode(0x4F, aid), BerTlv.encode(0x5F2F,
                PIN_USAGE_POLICY)));
    }

    /**
     * The Card Holder Unique Identifier: FASC-N, card UUID (GUID), expiration date, an empty issuer signature and
     * an empty error detection code. The virtual card has no content signing key, so the signature stays empty; the
     * sign-in never trusts the CHUID alone, it checks the card's signature against its certificate.
     */
    private static byte[] chuid(PivCardProfile profile) {
        String expiry = EXPIRATION_DATE.format(profile.certificate().getNotAfter().toInstant());
        return BerTlv.encode(0x53, BerTlv.concat(
                BerTlv.encode(0x30, NON_FEDERAL_FASC_N),
                BerTlv.encode(0x34, profile.cardUuid()),
                BerTlv.encode(0x35, expiry.getBytes(StandardCharsets.US_ASCII)),
                BerTlv.encode(0x3E, new byte[0]),
                BerTlv.encode(0xFE, new byte[0])));
    }

    private static byte[] certificateContainer(PivCardProfile profile) {
        byte[] der;
        try {
            der = profile.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate " + profile.certificate().getSubjectX500Principal()
                    + " cannot be encoded", e);
        }
        return BerTlv.encode(0x53, BerTlv.concat(
                BerTlv.encode(0x70, der),
                BerTlv.encode(0x71, CERT_INFO_UNCOMPRESSED),
                BerTlv.encode(0xFE, new byte[0])));
    }
}
