package org.staffcard.virtualcard;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

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

    /** Issues a card with a fresh RSA-2048 key; the card holds this CA's certificate in its CA file. */
    public TestCard issue(TestCardSpec spec) {
        KeyPair cardKeys = CertificateIssuer.newRsaKeyPair();
        X509Certificate leaf = CertificateIssuer.leaf(certificate, keys.getPrivate(), cardKeys.getPublic(),
                spec.subject(), spec.keyUsage(), spec.notBefore(), spec.notAfter());
        VirtualCardProfile profile = new VirtualCardProfile(List.of(leaf, certificate), cardKeys.getPrivate(),
                spec.pin(), spec.cardUserId(), spec.freeArea());
        return new TestCard(profile, this);
    }
}
