package org.staffcard.authenticator.validation;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small PKI for tests: keys, CA and leaf certificates with chosen dates and key usage. Keys are made once per test
 * run because RSA key generation is slow.
 */
final class TestPki {

    /** The server's clock in every test. */
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    static final KeyPair ROOT_KEY = rsa(2048);
    static final KeyPair INTERMEDIATE_KEY = rsa(2048);
    static final KeyPair RSA_LEAF_KEY = rsa(2048);
    static final KeyPair EC_LEAF_KEY = ec("secp256r1");

    private static final AtomicLong SERIALS = new AtomicLong(0x1000);

    private TestPki() {
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed root CA valid for years around {@link #NOW}. */
    static X509Certificate root(String name, KeyPair key) {
        return certificate(name).ca().publicKey(key.getPublic()).selfSigned(key.getPrivate()).build();
    }

    static CertificateSpec certificate(String name) {
        return new CertificateSpec(name);
    }

    static String pem(X509Certificate... certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return pem.toString();
    }

    /**
     * Reads a name the way the JDK does, so that the RFC 2253 text of the finished certificate is the text written
     * in the test; BouncyCastle's own parser would store the parts in the opposite order.
     */
    private static X500Name name(String rfc2253) {
        return X500Name.getInstance(new X500Principal(rfc2253).getEncoded());
    }

    /** What a certificate will say; defaults to a valid leaf with a critical digitalSignature key usage. */
    static final class CertificateSpec {

        private final String subject;
        private X500Name issuer;
        private PrivateKey issuerKey;
        private PublicKey publicKey;
        private Instant notBefore = NOW.minusSeconds(30L * 86_400);
        private Instant notAfter = NOW.plusSeconds(365L * 86_400);
        private boolean ca;
        private Integer keyUsage = KeyUsage.digitalSignature;
        private boolean keyUsageCritical = true;
        private BigInteger serial;
        private Integer pathLength;
        private final List<Extension> extensions = new ArrayList<>();

        private CertificateSpec(String subject) {
            this.subject = subject;
        }

        CertificateSpec ca() {
            this.ca = true;
            this.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
            this.notBefore = NOW.minusSeconds(5L * 365 * 86_400);
            this.notAfter = NOW.plusSeconds(5L * 365 * 86_400);
            return this;
        }

        CertificateSpec publicKey(PublicKey key) {
            this.publicKey = key;
            return this;
        }

        CertificateSpec issuedBy(X509Certificate issuerCertificate, PrivateKey key) {
            this.issuer = X500Name.getInstance(issuerCertificate.getSubjectX500Principal().getEncoded());
            this.issuerKey = key;
            return this;
        }

        CertificateSpec selfSigned(PrivateKey key) {
            this.issuer = name(subject);
            this.issuerKey = key;
            return this;
        }

        CertificateSpec validFrom(Instant from) {
            this.notBefore = from;
            return this;
        }

        CertificateSpec validUntil(Instant until) {
            this.notAfter = until;
            return this;
        }

        CertificateSpec keyUsage(int bits, boolean critical) {
            this.keyUsage = bits;
            this.keyUsageCritical = critical;
            return this;
        }

        CertificateSpec serial(BigInteger serial) {
            this.serial = serial;
            return this;
        }

        /** A CA whose basic constraints allow at most this many CA certificates below it. */
        CertificateSpec pathLength(int length) {
            this.pathLength = length;
            return this;
        }

        /** Any further extension, such as name constraints or policy constraints. */
        CertificateSpec extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
            try {
                extensions.add(new Extension(oid, critical, value.toASN1Primitive().getEncoded()));
                return this;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        CertificateSpec noKeyUsage() {
            this.keyUsage = null;
            return this;
        }

        X509Certificate build() {
            try {
                BigInteger serialNumber = serial != null ? serial : BigInteger.valueOf(SERIALS.getAndIncrement());
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serialNumber,
                        Date.from(notBefore), Date.from(notAfter), name(subject), publicKey);
                if (ca) {
                    BasicConstraints constraints = pathLength == null ? new BasicConstraints(true)
                            : new BasicConstraints(pathLength);
                    builder.addExtension(Extension.basicConstraints, true, constraints);
                }
                for (Extension extension : extensions) {
                    builder.addExtension(extension);
                }
                if (keyUsage != null) {
                    builder.addExtension(Extension.keyUsage, keyUsageCritical, new KeyUsage(keyUsage));
                }
                String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
                ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(issuerKey);
                return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
