package org.staffcard.virtualcard;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Reads and writes the PEM files of the demo PKI; text before the PEM block, such as a warning, is allowed. */
final class PemCodec {

    private PemCodec() {
    }

    static X509Certificate readCertificate(Reader pem) throws IOException {
        Object object = readSingle(pem);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new IOException("expected a CERTIFICATE block, found " + describe(object));
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IOException("the certificate cannot be decoded", e);
        }
    }

    static PrivateKey readPrivateKey(Reader pem) throws IOException {
        Object object = readSingle(pem);
        if (!(object instanceof PrivateKeyInfo info)) {
            throw new IOException("expected a PKCS#8 PRIVATE KEY block, found " + describe(object));
        }
        return new JcaPEMKeyConverter().getPrivateKey(info);
    }

    static String write(String headerComment, X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        text.write(headerComment);
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return text.toString();
    }

    static String write(String headerComment, PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        text.write(headerComment);
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            // PKCS#8, not the older "RSA PRIVATE KEY" form, so the JDK and openssl read it without conversion.
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return text.toString();
    }

    private static Object readSingle(Reader pem) throws IOException {
        try (PEMParser parser = new PEMParser(pem)) {
            return parser.readObject();
        }
    }

    private static String describe(Object object) {
        return object == null ? "no PEM block" : object.getClass().getSimpleName();
    }
}
