package org.staffcard.authenticator.validation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads the certificates of a PEM text that is not a trust anchor list, such as an OCSP responder's certificate. */
public final class CertificatePemReader {

    private CertificatePemReader() {
    }

    /** @throws IllegalArgumentException when the text holds no certificate or one that cannot be read */
    public static List<X509Certificate> read(String pem) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("the PEM text holds no certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the PEM text cannot be read as certificates: " + e.getMessage(), e);
        }
    }
}
