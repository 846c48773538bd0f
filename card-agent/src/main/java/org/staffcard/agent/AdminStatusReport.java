package org.staffcard.agent;

import javax.smartcardio.CardTerminals;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
                        + " (the account's cardCertificateSha256 when this card is bound)");
                out.println("PIN tries left: " + identity.pinTriesLeft());
                out.println("State:          READY");
                return 0;
            }
        } catch (AgentException e) {
            out.println("State:          " + e.code() + " (" + e.getMessage() + ")");
            return 1;
        }
    }

    /** Lowercase hex SHA-256 of the certificate's SubjectPublicKeyInfo: the value an admin binds to the account. */
    static String publicKeySha256(CardIdentity identity) {
        try {
            byte[] spki = identity.certificate().getPublicKey().getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
