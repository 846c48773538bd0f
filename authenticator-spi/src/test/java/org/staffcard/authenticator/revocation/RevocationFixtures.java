package org.staffcard.authenticator.revocation;

import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.staffcard.authenticator.validation.CertificateIdentity;

/** Settings and crafted OCSP answers shared by the revocation tests. */
final class RevocationFixtures {

    static final Duration SHORT = Duration.ofMillis(500);

    private RevocationFixtures() {
    }

    static RevocationSettings ocsp(String responder, NoncePolicy nonce, boolean failOpen) {
        return new RevocationSettings(RevocationPolicy.OCSP, failOpen,
                Optional.ofNullable(responder).map(URI::create), Optional.empty(), nonce, SHORT, SHORT, List.of(),
                Duration.ofHours(1), Duration.ofMinutes(1));
    }

    static RevocationSettings crl(RevocationPolicy policy, String responder, String... locations) {
        return new RevocationSettings(policy, false, Optional.ofNullable(responder).map(URI::create),
                Optional.empty(), NoncePolicy.REQUIRED, SHORT, SHORT, List.of(locations), Duration.ofHours(1),
                Duration.ofMinutes(1));
    }

    static CertificateIdentity identity(X509Certificate certificate) {
        return CertificateIdentity.of(certificate);
    }

    /** What a crafted answer should look like; each field breaks or keeps one rule. */
    record Answer(CertificateStatus status, Instant thisUpdate, Instant nextUpdate, boolean echoNonce,
                  byte[] fixedNonce, PrivateKey signer, X509Certificate signerCertificate) {

        static Answer good(RevocationPki pki) {
            Instant now = Instant.now();
            return new Answer(CertificateStatus.GOOD, now.minusSeconds(60), now.plusSeconds(3600), true, null,
                    pki.caKey.getPrivate(), null);
        }

        Answer withStatus(CertificateStatus newStatus) {
            return new Answer(newStatus, thisUpdate, nextUpdate, echoNonce, fixedNonce, signer, signerCertificate);
        }

        Answer withoutNonce() {
            return new Answer(status, thisUpdate, nextUpdate, false, null, signer, signerCertificate);
        }

        Answer withNonce(byte[] nonceValue) {
            return new Answer(status, thisUpdate, nextUpdate, false, nonceValue, signer, signerCertificate);
        }

        Answer withDates(Instant newThisUpdate, Instant newNextUpdate) {
            return new Answer(status, newThisUpdate, newNextUpdate, echoNonce, fixedNonce, signer,
                    signerCertificate);
        }

        Answer signedBy(PrivateKey key, X509Certificate certificate) {
            return new Answer(status, thisUpdate, nextUpdate, echoNonce, fixedNonce, key, certificate);
        }

        /** Answers {@code requestDer} about the certificate it asks after. */
        byte[] to(byte[] requestDer) {
            try {
                OCSPReq request = new OCSPReq(requestDer);
                BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(RevocationPki.name(
                        "CN=Responder,O=Test Org,C=JP")));
                builder.addResponse(request.getRequestList()[0].getCertID(), status, Date.from(thisUpdate),
                        nextUpdate == null ? null : Date.from(nextUpdate), null);
                Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
                if (echoNonce && nonce != null) {
                    builder.setResponseExtensions(new Extensions(nonce));
                } else if (fixedNonce != null) {
                    builder.setResponseExtensions(new Extensions(new Extension(
                            OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, fixedNonce)));
                }
                X509CertificateHolder[] chain = signerCertificate == null ? null
                        : new X509CertificateHolder[] {new JcaX509CertificateHolder(signerCertificate)};
                String algorithm = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
                return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(
                        new JcaContentSignerBuilder(algorithm).build(signer), chain, new Date())).getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final CertificateStatus UNKNOWN = new UnknownStatus();

    /** A clock the test moves forward by hand. */
    static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
