package org.staffcard.authenticator.validation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * CA certificates between the trust anchors and the cards that the cards themselves do not send, read once from the
 * configuration. They are only material for building a path: trust still comes from the anchors alone, so a path
 * through one of them must end at a configured anchor like any other.
 */
public final class IntermediateCertificates {

    public static final IntermediateCertificates NONE = new IntermediateCertificates(List.of());

    private final List<X509Certificate> certificates;

    private IntermediateCertificates(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    /**
     * @throws IllegalArgumentException when the text holds no certificate, one that cannot be read, or one that is
     *                                  not a CA certificate (basicConstraints cA=true)
     */
    public static IntermediateCertificates fromPem(String pem) {
        if (pem == null || pem.isBlank()) {
            return NONE;
        }
        List<X509Certificate> read = new ArrayList<>();
        int position = 0;
        for (X509Certificate certificate : CertificatePemReader.read(pem)) {
            position++;
            if (certificate.getBasicConstraints() < 0) {
                throw new IllegalArgumentException("intermediate certificate " + position + " ("
                        + CertificateIdentity.of(certificate).describe() + ") is not a CA certificate: it lacks "
                        + "basicConstraints cA=true");
            }
            if (!read.contains(certificate)) {
                read.add(certificate);
            }
        }
        return new IntermediateCertificates(read);
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }
}
