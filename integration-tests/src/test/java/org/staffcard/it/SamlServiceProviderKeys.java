package org.staffcard.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The signing key and self-signed certificate of a SAML service provider, made fresh for each run with openssl:
 * sp-key.pem and sp-cert.pem in the app's run folder, where mod_auth_mellon reads them.
 */
record SamlServiceProviderKeys(Path key, Path certificate) {

    static SamlServiceProviderKeys generate(Path dir, String entityId) throws IOException, InterruptedException {
        Path key = dir.resolve("sp-key.pem");
        Path certificate = dir.resolve("sp-cert.pem");
        Files.deleteIfExists(key);
        Files.deleteIfExists(certificate);

        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256",
                "-days", "2", "-subj", "/CN=" + entityId, "-keyout", key.toString(), "-out", certificate.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl could not make the SAML signing key; see "
                    + dir.resolve("openssl.log"));
        }
        return new SamlServiceProviderKeys(key, certificate);
    }

    /** The certificate as Keycloak's client settings hold it: base64 of the DER, without PEM armour. */
    String certificateBase64() throws IOException {
        return Files.readString(certificate)
                .replace("-----BEGIN CERTIFICATE-----", "")
                .replace("-----END CERTIFICATE-----", "")
                .replaceAll("\\s", "");
    }
}
