package org.staffcard.agent;

import javax.smartcardio.CardTerminals;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * What an admin at the PC needs to see when sign-in does not work: the PC/SC library, the readers, whether a card
 * is there and of which kind, its card user ID, its certificate's subject, serial and expiry, and the key hash an
 * admin binds to the staff account. Never the PIN.
 */
final class AdminStatusReport {

    private AdminStatusReport() {
    }

    /** Prints the report; answers 0 when a card is ready for sign-in, 1 otherwise. */
    static int print(AgentConfig config, Supplier<CardTerminals> terminals, PrintStream out) {
        out.println("Staff card agent " + AgentHttpServer.VERSION);
        out.println("Configuration:  " + config);
        if (config.readerMode() == ReaderMode.VIRTUAL) {
            out.println("PC/SC library:  not used (reader = virtual, demo card)");
        } else {
            out.println("PC/SC library:  " + PcscLibrary.locate().describe());
        }

        CardReaderService readers = new CardReaderService(terminals, config.readerName());
        try {
            List<String> names = readers.readerNames();
            out.println("Readers:        " + (names.isEmpty() ? "none" : String.join(" | ", names)));
            if (names.isEmpty()) {
                out.println("State:          NO_READER (connect a card reader)");
                return 1;
            }
            try (CardSession session = readers.connect()) {
                out.println("Card present:   yes");
                CardIdentity identity = new CardIdentityReader(config.freeArea()).read(session.exchange());
                out.println("Card type:      " + identity.profile().name() + " (authentication certificate readable, "
                        + identity.algorithm() + ")");
                out.println("Card user ID:   " + identity.cardUserId());
                out.println("Certificate:    subject " + identity.certificate().getSubjectX500Principal());
                out.println("                issuer  " + identity.certificate().getIssuerX500Principal());
                out.println("                serial  " + identity.serialHex());
                out.println("                expires " + identity.certificate().getNotAfter().toInstant());
                out.println("Key SHA-256:    " + publicKeySha256(identity)
                        + " (the spkiSha256 of the account's staff card once this card is bound)");
                out.println("PIN tries left: " + identity.pinTriesLeft());
                out.println("State:          READY");
                // The admin API binds a card from its certificate, so the report ends with it, ready to paste.
                out.println("Certificate (PEM, for binding this card to an account):");
                out.println(certificatePem(identity));
                return 0;
            }
        } catch (AgentException e) {
            out.println("State:          " + e.code() + " (" + e.getMessage() + ")");
            return 1;
        }
    }

    /** The card's certificate as PEM, which the staff-cards admin API takes to bind the card to an account. */
    static String certificatePem(CardIdentity identity) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(identity.certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate read from the card re-encodes", e);
        }
    }

    /** Lowercase hex SHA-256 of the certificate's SubjectPublicKeyInfo: what the account's card credential records. */
    static String publicKeySha256(CardIdentity identity) {
        try {
            byte[] spki = identity.certificate().getPublicKey().getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
