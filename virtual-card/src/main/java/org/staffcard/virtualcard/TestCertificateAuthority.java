package org.staffcard.virtualcard;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** A throw-away RSA-2048 CA made at run time; its private key is open so tests can sign CRLs and OCSP answers. */
public final class TestCertificateAuthority {

    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificateAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A CA valid from a day ago for ten years. */
    public static TestCertificateAuthority create(String subject) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return create(subject, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
    }

    public static TestCertificateAuthority create(String subject, Instant notBefore, Instant notAfter) {
        KeyPair keys = CertificateIssuer.newRsaKeyPair();
        return new TestCertificateAuthority(keys, CertificateIssuer.selfSignedCa(keys, subject, notBefore, notAfter));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return keys.getPrivate();
    }

    /**
     * Issues a PIV card with a fresh key of the given type and a random card UUID (RFC 4122 version 4), valid from a
     * day ago for a year, key usage digitalSignature.
     */
    public TestPivCard issuePiv(PivKeyType keyType, String pin) {
        KeyPair cardKeys = keyType == PivKeyType.RSA_2048 ? CertificateIssuer.newRsaKeyPair()
                : CertificateIssuer.newP256KeyPair();
        byte[] uuid = randomUuid();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String subject = "CN=PIV Test " + HexFormat.of().formatHex(uuid, 0, 4) + ", O=Test Org, C=JP";
        X509Certificate leaf = CertificateIssuer.leaf(certificate, keys.getPrivate(), cardKeys.getPublic(), subject,
                EnumSet.of(CertificateKeyUsage.DIGITAL_SIGNATURE), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
        return new TestPivCard(new PivCardProfile(leaf, cardKeys.getPrivate(), pin, uuid), this);
    }

    /** Issues a card with a fresh RSA-2048 key; the card holds this CA's certificate in its CA file. */
    public TestCard issue(TestCardSpec spec) {
        KeyPair cardKeys = CertificateIssuer.newRsaKeyPair();
        X509Certificate leaf = CertificateIssuer.leaf(certificate, keys.getPrivate(), cardKeys.getPublic(),
                spec.subject(), spec.keyUsage(), spec.notBefore(), spec.notAfter());
        VirtualCardProfile profile = new VirtualCardProfile(List.of(leaf, certificate), cardKeys.getPrivate(),
                spec.pin(), spec.cardUserId(), spec.freeArea());
        return new TestCard(profile, this);
    }

    private static byte[] randomUuid() {
        UUID uuid = UUID.randomUUID();
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
