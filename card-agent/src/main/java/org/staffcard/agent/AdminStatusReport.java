package org.staffcard.agent;

import javax.smartcardio.CardTerminals;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * What an admin at the PC needs to see when sign-in does not work: the PC/SC library, the readers, whether a card
 * is there and of which kind, its card user ID and its certificate's subject, serial and expiry. Never the PIN.
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
                out.println("PIN tries left: " + identity.pinTriesLeft());
                out.println("State:          READY");
                return 0;
            }
        } catch (AgentException e) {
            out.println("State:          " + e.code() + " (" + e.getMessage() + ")");
            return 1;
        }
    }
}
