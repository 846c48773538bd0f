package org.staffcard.agent;

import javax.smartcardio.CardTerminals;
import java.io.PrintStream;
import java.util.function.Supplier;

/** The {@code readers} command: every reader the agent sees and whether it holds a card. Touches no card. */
final class ReaderListing {

    private ReaderListing() {
    }

    /** Prints the readers; answers 0 when at least one reader is there, 1 otherwise. */
    static int print(AgentConfig config, Supplier<CardTerminals> terminals, PrintStream out) {
        ReaderSnapshot snapshot = new CardReaderService(terminals, config.readerName()).snapshot();
        if (snapshot.failure().isPresent()) {
            out.println("Readers: none can be listed: " + snapshot.failure().get()
                    + " (run the diagnose command for details and what to do)");
            return 1;
        }
        if (snapshot.readers().isEmpty()) {
            out.println("Readers: none connected");
            return 1;
        }
        out.println("Readers: " + snapshot.readers().size());
        for (String name : snapshot.readers()) {
            out.println("  " + name + "  ->  " + (snapshot.withCard().contains(name) ? "card present" : "no card"));
        }
        return 0;
    }
}
