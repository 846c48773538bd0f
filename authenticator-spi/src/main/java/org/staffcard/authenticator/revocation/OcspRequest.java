package org.staffcard.authenticator.revocation;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * One OCSP request for one certificate (RFC 6960 section 4.1), with a fresh nonce.
 *
 * @param der          the encoded request, as posted
 * @param certificateId which certificate it asks about
 * @param nonceValue   the encoded nonce extension value the answer must echo
 */
record OcspRequest(byte[] der, CertificateID certificateId, byte[] nonceValue) {

    /** RFC 8954 asks for at least 1 and at most 32 octets; 32 leaves nothing to guess. */
    private static final int NONCE_OCTETS = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The nonce goes into {@code tbsRequest.requestExtensions}, where RFC 6960 section 4.4.1 puts it: a responder
     * looks for it only there, and one placed among the per-certificate extensions is silently ignored.
     *
     * <p>The certificate is named by SHA-1 hashes of its issuer's name and key. SHA-1 here only identifies the
     * issuer, it protects nothing, and it is the one hash every responder is required to understand (RFC 5019).
     */
    static OcspRequest forCertificate(X509Certificate leaf, X509Certificate issuer) throws RevocationDataException {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), leaf.getSerialNumber());

            byte[] nonce = new byte[NONCE_OCTETS];
            RANDOM.nextBytes(nonce);
            byte[] nonceValue = new DEROctetString(nonce).getEncoded();

            OCSPReqBuilder builder = new OCSPReqBuilder();
            builder.addRequest(id);
            builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                    false, nonceValue)));
            return new OcspRequest(builder.build().getEncoded(), id, nonceValue);
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException | IOException e) {
            throw new RevocationDataException("an OCSP request could not be built: " + e.getMessage(), e);
        }
    }
}
