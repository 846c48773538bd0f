package org.staffcard.authenticator.validation;

import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.staffcard.protocol.ProtocolLimits;

/** Step 2: every entry of the assertion's chain must be exactly one X.509 certificate in DER, leaf first. */
final class CertificateChainDecoder {

    private CertificateChainDecoder() {
    }

    static List<X509Certificate> decode(List<byte[]> chain) throws MalformedCertificateException {
        if (chain == null || chain.isEmpty() || chain.size() > ProtocolLimits.MAX_CERTIFICATES) {
            throw new MalformedCertificateException("the assertion carries " + (chain == null ? 0 : chain.size())
                    + " certificates; 1 to " + ProtocolLimits.MAX_CERTIFICATES + " are allowed", null);
        }

        CertificateFactory factory = x509Factory();
        List<X509Certificate> certificates = new ArrayList<>(chain.size());
        for (int i = 0; i < chain.size(); i++) {
            certificates.add(decodeOne(factory, chain.get(i), i + 1, chain.size()));
        }
        return certificates;
    }

    private static X509Certificate decodeOne(CertificateFactory factory, byte[] der, int position, int count)
            throws MalformedCertificateException {
        String where = "certificate " + position + " of " + count + " in the assertion";
        if (der == null || der.length == 0) {
            throw new MalformedCertificateException(where + " is empty", null);
        }

        Certificate parsed;
        try {
            parsed = factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            // The bytes come from the browser, so a parser fault of any kind is the sender's fault, not ours.
            throw new MalformedCertificateException(where + " is not an X.509 certificate", e);
        }

        // The JDK parser also reads PEM text and stops after the first certificate; the wire format is plain DER,
        // and comparing the encoding refuses both PEM and trailing bytes that no signature covers.
        try {
            if (!(parsed instanceof X509Certificate certificate) || !Arrays.equals(certificate.getEncoded(), der)) {
                throw new MalformedCertificateException(where + " is not exactly one X.509 certificate in DER", null);
            }
            return certificate;
        } catch (CertificateException e) {
            throw new MalformedCertificateException(where + " cannot be encoded again", e);
        }
    }

    private static CertificateFactory x509Factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("every Java runtime has an X.509 certificate factory", e);
        }
    }
}
