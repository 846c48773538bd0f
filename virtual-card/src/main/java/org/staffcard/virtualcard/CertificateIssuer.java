package org.staffcard.virtualcard;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes the RSA and P-256 keys and the X.509 certificates of the demo PKI and of the test PKIs. */
final class CertificateIssuer {

    private static final int RSA_BITS = 2048;
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CertificateIssuingException("cannot generate an RSA-" + RSA_BITS + " key pair", e);
        }
    }

    /** A P-256 key pair, for PIV cards whose PIV Authentication key is an ECC key. */
    static KeyPair newP256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CertificateIssuingException("cannot generate a P-256 key pair", e);
        }
    }

    static X509Certificate selfSignedCa(KeyPair keys, String subject, Instant notBefore, Instant notAfter) {
        X500Name name = x500Name(subject);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, newSerialNumber(),
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new CertificateIssuingException("cannot issue the CA certificate " + subject, e);
        }
    }

    static X509Certificate leaf(X509Certificate ca, PrivateKey caKey, PublicKey leafKey, String subject,
                                Set<CertificateKeyUsage> usages, Instant notBefore, Instant notAfter) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, newSerialNumber(),
                    Date.from(notBefore), Date.from(notAfter), x500Name(subject), leafKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca.getPublicKey()))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(leafKey));
            // An empty set leaves the extension out, which RFC 5280 reads as "any usage": tests need that case.
            if (!usages.isEmpty()) {
                int bits = usages.stream().mapToInt(CertificateKeyUsage::bouncyCastleBit).reduce(0, (a, b) -> a | b);
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(bits));
            }
            return sign(builder, caKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new CertificateIssuingException("cannot issue the card certificate " + subject, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new CertificateIssuingException("cannot sign with " + SIGNATURE_ALGORITHM, e);
        }
    }

    /**
     * Parsed by the JDK, which reads the string in RFC 4514 order (most specific first) and encodes C first, as
     * certificates are written; BouncyCastle's own parser would keep the written order and put CN first.
     */
    private static X500Name x500Name(String subject) {
        return X500Name.getInstance(new X500Principal(subject).getEncoded());
    }

    /** Positive and 63 bits wide, so every serial is unique in practice and encodes in at most 8 bytes. */
    private static BigInteger newSerialNumber() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }
}
