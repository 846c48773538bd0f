package org.staffcard.authenticator.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CA certificates a card's path must reach, read once from the PEM text of the server's configuration.
 * Immutable and safe to share between threads and sign-ins.
 */
public final class TrustAnchors {

    private static final Pattern ANY_BEGIN = Pattern.compile("-----BEGIN ([^-\\r\\n]*)-----");
    private static final Pattern CERTIFICATE_BLOCK = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END CERTIFICATE-----");

    /** keyCertSign in the key usage bit string (RFC 5280 section 4.2.1.3). */
    private static final int KEY_CERT_SIGN = 5;

    private final List<X509Certificate> certificates;

    private TrustAnchors(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    /**
     * Reads one or more {@code CERTIFICATE} blocks. Text outside the blocks, such as the subject lines some tools
     * write above each certificate, is ignored.
     *
     * @throws IllegalArgumentException when the text holds no certificate, a block that is not a certificate or
     *                                  cannot be read, or a certificate that is not a CA
     */
    public static TrustAnchors fromPem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("trust anchor PEM is empty: paste one or more "
                    + "-----BEGIN CERTIFICATE----- blocks of the card issuer's CA");
        }

        int blocks = countBlocks(pem);
        if (blocks == 0) {
            throw new IllegalArgumentException("trust anchor PEM holds no -----BEGIN CERTIFICATE----- block");
        }

        List<X509Certificate> certificates = new ArrayList<>();
        int position = 0;
        Matcher block = CERTIFICATE_BLOCK.matcher(pem);
        while (block.find()) {
            position++;
            X509Certificate certificate = parse(block.group(1), position);
            requireCa(certificate, position);
            if (!certificates.contains(certificate)) {
                certificates.add(certificate);
            }
        }

        if (position != blocks) {
            throw new IllegalArgumentException("trust anchor PEM has a CERTIFICATE block without its "
                    + "-----END CERTIFICATE----- line or with characters that are not base64");
        }
        return new TrustAnchors(certificates);
    }

    /**
     * Reads a PEM bundle from a file, for bundles too large to paste into the admin console.
     *
     * @throws IllegalArgumentException when the file cannot be read or its content is refused as by {@link #fromPem}
     */
    public static TrustAnchors fromFile(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("trust anchor file " + file + " cannot be read as ASCII PEM text: "
                    + e.getMessage(), e);
        }
        try {
            return fromPem(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trust anchor file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The anchors as PEM text, to combine a file's anchors with pasted ones. */
    public static String toPem(TrustAnchors anchors) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : anchors.certificates) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateException e) {
                throw new IllegalArgumentException("a trust anchor cannot be encoded again", e);
            }
        }
        return pem.toString();
    }

    /** The configured CA certificates, in the order of the PEM text, without duplicates. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    public int size() {
        return certificates.size();
    }

    boolean contains(X509Certificate certificate) {
        return certificates.contains(certificate);
    }

    private static int countBlocks(String pem) {
        int count = 0;
        Matcher begin = ANY_BEGIN.matcher(pem);
        while (begin.find()) {
            String label = begin.group(1);
            if (!label.equals("CERTIFICATE")) {
                // Refusing here keeps a pasted private key or CSR from being silently ignored.
                throw new IllegalArgumentException("trust anchor PEM holds a '" + label + "' block; only "
                        + "CERTIFICATE blocks belong in it");
            }
            count++;
        }
        return count;
    }

    private static X509Certificate parse(String base64, int position) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("trust anchor certificate " + position
                    + " of the PEM text cannot be read as X.509: " + e.getMessage(), e);
        }
    }

    private static void requireCa(X509Certificate certificate, int position) {
        String name = CertificateIdentity.of(certificate).describe();
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("trust anchor certificate " + position + " (" + name
                    + ") is not a CA certificate: it lacks basicConstraints cA=true");
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
            throw new IllegalArgumentException("trust anchor certificate " + position + " (" + name
                    + ") may not sign certificates: its key usage lacks keyCertSign");
        }
    }
}
