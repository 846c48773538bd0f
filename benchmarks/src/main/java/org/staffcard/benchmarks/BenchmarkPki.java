package org.staffcard.benchmarks;

import java.math.BigInteger;
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
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The card issuer of the benchmarks: an RSA-2048 root CA that signs card certificates directly, as the JPKI
 * user-authentication CA does, and publishes complete CRLs. Made at run time, or rebuilt from a stored key.
 */
public final class BenchmarkPki {

    /** Card serials start here, far below the revoked serials of {@link MillionEntryCrl}, so they never collide. */
    private static final AtomicLong CARD_SERIALS = new AtomicLong(0x5000);

    private final KeyPair caKey;
    private final X509Certificate ca;

    private BenchmarkPki(KeyPair caKey, X509Certificate ca) {
        this.caKey = caKey;
        this.ca = ca;
    }

    /** A new CA under {@code subject}, valid from a day ago for ten years so a stored one outlives many runs. */
    public static BenchmarkPki create(String subject) {
        KeyPair key = rsa2048();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate ca = sign(name(subject), name(subject), key.getPublic(), key.getPrivate(), BigInteger.ONE,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true);
        return new BenchmarkPki(key, ca);
    }

    /** The CA stored by an earlier run. */
    public static BenchmarkPki of(KeyPair caKey, X509Certificate ca) {
        return new BenchmarkPki(caKey, ca);
    }

    public X509Certificate ca() {
        return ca;
    }

    public KeyPair caKey() {
        return caKey;
    }

    /** A card certificate for {@code key} with a critical digitalSignature key usage, valid for a year. */
    public X509Certificate card(String subject, PublicKey key) {
        return card(subject, key, BigInteger.valueOf(CARD_SERIALS.getAndIncrement()));
    }

    /** The same, with a chosen serial, for a card that falls inside the range a CRL lists. */
    public X509Certificate card(String subject, PublicKey key, BigInteger serial) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return sign(name(subject), caName(), key, caKey.getPrivate(), serial, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)), false);
    }

    /**
     * A complete CRL of this CA listing {@code count} serials {@code first}, {@code first + step}, ..., current from
     * a minute ago until {@code validFor} from now. BouncyCastle's builder holds every entry as an object, which
     * takes about ten seconds and a few hundred MB for a million entries; the result is stored, not rebuilt.
     */
    public byte[] crl(long first, long step, int count, Duration validFor) {
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Date revokedAt = Date.from(now.minus(Duration.ofDays(1)));
            X509v2CRLBuilder builder = new X509v2CRLBuilder(caName(), Date.from(now.minusSeconds(60)));
            builder.setNextUpdate(Date.from(now.plus(validFor)));
            for (int i = 0; i < count; i++) {
                builder.addCRLEntry(BigInteger.valueOf(first + i * step), revokedAt, 0);
            }
            return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark CRL cannot be built", e);
        }
    }

    public static KeyPair rsa2048() {
        return keyPair("RSA", null);
    }

    public static KeyPair p256() {
        return keyPair("EC", "secp256r1");
    }

    private X500Name caName() {
        return X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
    }

    private static X500Name name(String rfc2253) {
        return X500Name.getInstance(new X500Principal(rfc2253).getEncoded());
    }

    private static X509Certificate sign(X500Name subject, X500Name issuer, PublicKey key, PrivateKey signer,
                                        BigInteger serial, Instant from, Instant until, boolean isCa) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(from),
                    Date.from(until), subject, key);
            if (isCa) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException("a benchmark certificate cannot be built", e);
        }
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
