package org.staffcard.authenticator.revocation;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Decides whether an OCSP response can be believed, and what it says (RFC 6960 section 3.2): it must be a successful
 * basic response, signed by the issuing CA, by a responder certificate that CA issued for OCSP signing, or by the
 * responder certificate the admin configured; it must answer the certificate we asked about; it must echo our nonce
 * as the nonce policy demands; and it must be fresh by its own dates.
 */
final class OcspResponseVerifier {

    /** id-kp-OCSPSigning (RFC 6960 section 4.2.2.2). */
    static final String OCSP_SIGNING = KeyPurposeId.id_kp_OCSPSigning.getId();

    /**
     * How long an answer without nextUpdate counts as current after its thisUpdate. Such an answer says newer
     * information is always available, so it is trusted only briefly.
     */
    static final Duration MAX_AGE_WITHOUT_NEXT_UPDATE = Duration.ofMinutes(5);

    private final Optional<X509Certificate> designatedResponder;
    private final NoncePolicy noncePolicy;
    private final Duration skew;

    OcspResponseVerifier(Optional<X509Certificate> designatedResponder, NoncePolicy noncePolicy, Duration skew) {
        this.designatedResponder = designatedResponder;
        this.noncePolicy = noncePolicy;
        this.skew = skew;
    }

    OcspAnswer verify(byte[] responseDer, OcspRequest request, X509Certificate issuer, String responder, Instant now)
            throws RevocationDataException {
        BasicOCSPResp basic = basicResponse(responseDer, responder);

        checkSigner(basic, issuer, responder, now);

        SingleResp single = answerFor(basic, request.certificateId(), responder);

        checkNonce(basic, request, responder);

        Instant thisUpdate = single.getThisUpdate().toInstant();
        Optional<Instant> nextUpdate = Optional.ofNullable(single.getNextUpdate()).map(date -> date.toInstant());
        checkFreshness(thisUpdate, nextUpdate, responder, now);

        return new OcspAnswer(statusOf(single.getCertStatus()), thisUpdate, nextUpdate, responder);
    }

    private static BasicOCSPResp basicResponse(byte[] der, String responder) throws RevocationDataException {
        try {
            OCSPResp response = new OCSPResp(der);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new RevocationDataException("OCSP responder " + responder + " answered with status "
                        + response.getStatus() + " (" + statusName(response.getStatus()) + ")");
            }
            if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
                throw new RevocationDataException("OCSP responder " + responder + " answered without a basic "
                        + "response");
            }
            return basic;
        } catch (IOException | OCSPException | RuntimeException e) {
            throw new RevocationDataException("OCSP responder " + responder + " answered with bytes that are not "
                    + "an OCSP response", e);
        }
    }

    private void checkSigner(BasicOCSPResp basic, X509Certificate issuer, String responder, Instant now)
            throws RevocationDataException {
        List<PublicKey> trustedKeys = new ArrayList<>();
        trustedKeys.add(issuer.getPublicKey());
        designatedResponder.filter(certificate -> isCurrent(certificate, now))
                .ifPresent(certificate -> trustedKeys.add(certificate.getPublicKey()));
        for (X509CertificateHolder holder : basic.getCerts()) {
            delegatedResponderKey(holder, issuer, now).ifPresent(trustedKeys::add);
        }

        for (PublicKey key : trustedKeys) {
            if (signatureVerifies(basic, key)) {
                return;
            }
        }
        throw new RevocationDataException("the answer of OCSP responder " + responder + " is not signed by the "
                + "issuing CA '" + issuer.getSubjectX500Principal().getName() + "', by a current responder "
                + "certificate that CA issued with id-kp-OCSPSigning, or by the configured responder certificate");
    }

    /**
     * A delegated responder's certificate must be issued by the same CA as the card's and be marked for OCSP
     * signing; otherwise any certificate that CA issued, a card's own included, could sign "good" for others.
     */
    private Optional<PublicKey> delegatedResponderKey(X509CertificateHolder holder, X509Certificate issuer,
                                                      Instant now) {
        try {
            X509Certificate candidate = new JcaX509CertificateConverter().getCertificate(holder);
            if (!candidate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                return Optional.empty();
            }
            candidate.verify(issuer.getPublicKey());
            List<String> purposes = candidate.getExtendedKeyUsage();
            if (purposes == null || !purposes.contains(OCSP_SIGNING) || !isCurrent(candidate, now)) {
                return Optional.empty();
            }
            return Optional.of(candidate.getPublicKey());
        } catch (CertificateParsingException e) {
            return Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean isCurrent(X509Certificate certificate, Instant now) {
        return !now.isBefore(certificate.getNotBefore().toInstant().minus(skew))
                && !now.isAfter(certificate.getNotAfter().toInstant().plus(skew));
    }

    private static boolean signatureVerifies(BasicOCSPResp basic, PublicKey key) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OCSPException | OperatorCreationException | RuntimeException e) {
            return false;
        }
    }

    private static SingleResp answerFor(BasicOCSPResp basic, CertificateID asked, String responder)
            throws RevocationDataException {
        for (SingleResp single : basic.getResponses()) {
            CertificateID answered = single.getCertID();
            if (answered.getHashAlgOID().equals(asked.getHashAlgOID())
                    && Arrays.equals(answered.getIssuerNameHash(), asked.getIssuerNameHash())
                    && Arrays.equals(answered.getIssuerKeyHash(), asked.getIssuerKeyHash())
                    && answered.getSerialNumber().equals(asked.getSerialNumber())) {
                return single;
            }
        }
        throw new RevocationDataException("OCSP responder " + responder + " answered about other certificates "
                + "than serial " + asked.getSerialNumber().toString(16));
    }

    private void checkNonce(BasicOCSPResp basic, OcspRequest request, String responder)
            throws RevocationDataException {
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed == null) {
            if (noncePolicy == NoncePolicy.REQUIRED) {
                throw new RevocationDataException("OCSP responder " + responder + " did not echo the request's "
                        + "nonce, which this configuration requires; if the responder serves pre-signed answers, set "
                        + "the nonce policy to 'optional'");
            }
            return;
        }
        if (!Arrays.equals(echoed.getExtnValue().getOctets(), request.nonceValue())) {
            // A different nonce is never a responder's habit: it is an answer made for another request, replayed.
            throw new RevocationDataException("OCSP responder " + responder + " answered with a nonce that is not "
                    + "the one of this request");
        }
    }

    private void checkFreshness(Instant thisUpdate, Optional<Instant> nextUpdate, String responder, Instant now)
            throws RevocationDataException {
        if (thisUpdate.isAfter(now.plus(skew))) {
            throw new RevocationDataException("the answer of OCSP responder " + responder + " has thisUpdate "
                    + thisUpdate + ", ahead of server time " + now + " by more than the allowed skew " + skew);
        }
        if (nextUpdate.isPresent() && now.isAfter(nextUpdate.get().plus(skew))) {
            throw new RevocationDataException("the answer of OCSP responder " + responder + " is stale: its "
                    + "nextUpdate " + nextUpdate.get() + " has passed (server time " + now + ")");
        }
        if (nextUpdate.isEmpty() && thisUpdate.isBefore(now.minus(skew).minus(MAX_AGE_WITHOUT_NEXT_UPDATE))) {
            throw new RevocationDataException("the answer of OCSP responder " + responder + " has no nextUpdate "
                    + "and its thisUpdate " + thisUpdate + " is older than " + MAX_AGE_WITHOUT_NEXT_UPDATE);
        }
    }

    private static OcspAnswer.Status statusOf(CertificateStatus status) {
        if (status == CertificateStatus.GOOD) {
            return OcspAnswer.Status.GOOD;
        }
        return status instanceof RevokedStatus ? OcspAnswer.Status.REVOKED : OcspAnswer.Status.UNKNOWN;
    }

    private static String statusName(int status) {
        return switch (status) {
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest";
            case OCSPResp.INTERNAL_ERROR -> "internalError";
            case OCSPResp.TRY_LATER -> "tryLater";
            case OCSPResp.SIG_REQUIRED -> "sigRequired";
            case OCSPResp.UNAUTHORIZED -> "unauthorized";
            default -> "unexpected";
        };
    }
}
