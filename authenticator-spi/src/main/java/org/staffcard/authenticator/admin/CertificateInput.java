package org.staffcard.authenticator.admin;

import org.staffcard.authenticator.validation.CertificatePemReader;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The certificate field of a bind request: PEM (the card's certificate first, then any intermediate CAs) or the
 * card's certificate alone as base64 DER, the way `card-agent status` and most CA exports give it.
 */
final class CertificateInput {

    private CertificateInput() {
    }

    /** The certificates as DER, card certificate first. */
    static List<byte[]> read(String text) {
        if (text.contains("-----BEGIN")) {
            try {
                List<byte[]> chain = new ArrayList<>();
                for (X509Certificate certificate : CertificatePemReader.read(text)) {
                    chain.add(certificate.getEncoded());
                }
                return chain;
            } catch (IllegalArgumentException | CertificateEncodingException e) {
                throw ApiErrors.badRequest("certificate_unreadable", "'certificate' holds PEM that is not a readable "
                        + "X.509 certificate");
            }
        }
        try {
            return List.of(Base64.getMimeDecoder().decode(text.trim()));
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest("certificate_unreadable", "'certificate' is neither PEM nor base64 DER");
        }
    }
}
