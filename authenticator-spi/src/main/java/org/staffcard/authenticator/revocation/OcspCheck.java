package org.staffcard.authenticator.revocation;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.ASN1IA5String;
import org.staffcard.authenticator.validation.SpkiFingerprint;

/** Asks an OCSP responder about a certificate, or answers from a good answer still current in the cache. */
final class OcspCheck {

    /** An OCSP answer with a few responder certificates is a few kilobytes; more is not an answer. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final Optional<URI> designatedResponder;
    private final RevocationTransport transport;
    private final OcspResponseVerifier verifier;
    private final OcspAnswerCache cache = new OcspAnswerCache();
    private final Clock clock;

    OcspCheck(Optional<URI> designatedResponder, RevocationTransport transport, OcspResponseVerifier verifier,
              Clock clock) {
        this.designatedResponder = designatedResponder;
        this.transport = transport;
        this.verifier = verifier;
        this.clock = clock;
    }

    OcspAnswer check(X509Certificate leaf, X509Certificate issuer) throws RevocationDataException {
        String issuerKey = SpkiFingerprint.sha256Hex(issuer);
        Optional<OcspAnswer> cached = cache.find(issuerKey, leaf.getSerialNumber(), clock.instant());
        if (cached.isPresent()) {
            return cached.get();
        }

        URI responder = responderFor(leaf);
        OcspRequest request = OcspRequest.forCertificate(leaf, issuer);
        byte[] response = transport.post(responder, "application/ocsp-request", request.der(), MAX_RESPONSE_BYTES);

        Instant now = clock.instant();
        OcspAnswer answer = verifier.verify(response, request, issuer, responder.toString(), now);
        cache.keepIfGood(issuerKey, leaf.getSerialNumber(), answer, now);
        return answer;
    }

    int cachedAnswers() {
        return cache.size();
    }

    private URI responderFor(X509Certificate leaf) throws RevocationDataException {
        if (designatedResponder.isPresent()) {
            return designatedResponder.get();
        }
        return ocspAddressIn(leaf).orElseThrow(() -> new RevocationDataException("the certificate names no http "
                + "OCSP responder in its authority information access, and none is configured"));
    }

    /** The first http OCSP address of the certificate's authority information access (RFC 5280 4.2.2.1). */
    static Optional<URI> ocspAddressIn(X509Certificate leaf) throws RevocationDataException {
        byte[] extension = leaf.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (extension == null) {
            return Optional.empty();
        }
        try {
            AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(extension).getOctets());
            for (AccessDescription description : access.getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    String text = ASN1IA5String.getInstance(location.getName()).getString();
                    if (text.regionMatches(true, 0, "http://", 0, 7)) {
                        return Optional.of(URI.create(text));
                    }
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new RevocationDataException("the certificate's authority information access cannot be read", e);
        }
    }
}
