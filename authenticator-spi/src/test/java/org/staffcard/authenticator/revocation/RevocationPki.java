package org.staffcard.authenticator.revocation;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA for revocation tests, made at run time: it issues card certificates of the profiles we meet (a JPKI-like
 * RSA-2048 one without a name, a PIV-like one, ECDSA P-256 and P-384 ones, one with a Japanese UTF8String subject),
 * an OCSP responder certificate, and CRLs.
 */
final class RevocationPki {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final AtomicLong SERIALS = new AtomicLong(0x2000);

    final KeyPair caKey;
    final X509Certificate ca;

    RevocationPki(String caSubject) {
        this.caKey = rsa();
        this.ca = certificate(caSubject, name(caSubject), caKey.getPublic(), caKey.getPrivate(), nextSerial(), true,
                null, null);
    }

    static KeyPair rsa() {
        return keyPair("RSA", null);
    }

    static KeyPair ec(String curve) {
        return keyPair("EC", curve);
    }

    static BigInteger nextSerial() {
        return BigInteger.valueOf(SERIALS.getAndIncrement());
    }

    /** A card certificate with digitalSignature and, when {@code ocspUrl} is given, an OCSP address in its AIA. */
    X509Certificate card(String subject, PublicKey key, BigInteger serial, String ocspUrl) {
        return certificate(subject, caName(), key, caKey.getPrivate(), serial, false, ocspUrl, null);
    }

    X509Certificate card(String subject, PublicKey key, String ocspUrl) {
        return card(subject, key, nextSerial(), ocspUrl);
    }

    /** A card certificate whose CRL distribution points extension names {@code crlAddresses}, one point each. */
    X509Certificate cardWithCrlDistributionPoints(String subject, PublicKey key, String... crlAddresses) {
        DistributionPoint[] points = new DistributionPoint[crlAddresses.length];
        for (int i = 0; i < crlAddresses.length; i++) {
            points[i] = new DistributionPoint(new DistributionPointName(new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, crlAddresses[i]))), null, null);
        }
        return certificate(subject, caName(), key, caKey.getPrivate(), nextSerial(), false, null, null,
                new CRLDistPoint(points));
    }

    /** A responder certificate issued by this CA, with or without id-kp-OCSPSigning. */
    X509Certificate responder(PublicKey key, boolean ocspSigning) {
        return certificate("CN=OCSP Responder,O=Test Org,C=JP", caName(), key, caKey.getPrivate(), nextSerial(), false,
                null, ocspSigning ? KeyPurposeId.id_kp_OCSPSigning : KeyPurposeId.id_kp_clientAuth);
    }

    /** A complete CRL of this CA listing {@code revoked}, with the given dates. */
    byte[] crl(Instant thisUpdate, Instant nextUpdate, BigInteger... revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(
                    ca.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(thisUpdate.minusSeconds(60)), 1);
            }
            return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void writePem(X509Certificate certificate, Path file) throws IOException {
        write(certificate, file);
    }

    static void write(Object object, Path file) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }

    private static X509Certificate certificate(String subject, X500Name issuer, PublicKey key,
                                               PrivateKey signer, BigInteger serial, boolean ca, String ocspUrl,
                                               KeyPurposeId purpose) {
        return certificate(subject, issuer, key, signer, serial, ca, ocspUrl, purpose, null);
    }

    private static X509Certificate certificate(String subject, X500Name issuer, PublicKey key,
                                               PrivateKey signer, BigInteger serial, boolean ca, String ocspUrl,
                                               KeyPurposeId purpose, CRLDistPoint distributionPoints) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer, serial, Date.from(NOW.minus(Duration.ofDays(1))),
                    Date.from(NOW.plus(Duration.ofDays(365))), name(subject), key);
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            }
            if (ocspUrl != null) {
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        new AccessDescription(AccessDescription.id_ad_ocsp,
                                new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
            }
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (distributionPoints != null) {
                builder.addExtension(Extension.cRLDistributionPoints, false, distributionPoints);
            }
            String algorithm = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate built = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
            return built;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X500Name caName() {
        return X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
    }

    static X500Name name(String rfc2253) {
        return X500Name.getInstance(new X500Principal(rfc2253).getEncoded());
    }

    private static KeyPair keyPair(String algorithm, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
