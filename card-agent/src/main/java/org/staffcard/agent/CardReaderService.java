package org.staffcard.agent;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds the one reader that holds a card and connects to it. Reader names are never taken as the card's identity:
 * they change when readers are re-plugged, so with several cards present the agent refuses rather than guess, unless
 * the configuration names the reader to use.
 */
final class CardReaderService {

    private final Supplier<CardTerminals> terminals;
    private final Optional<String> readerName;

    CardReaderService(Supplier<CardTerminals> terminals, Optional<String> readerName) {
        this.terminals = terminals;
        this.readerName = readerName;
    }

    /** Connects to the card; the caller closes the session before anything waits on the user. */
    CardSession connect() throws AgentException {
        CardTerminal terminal = terminalWithCard();
        try {
            return new CardSession(terminal.connect("*"));
        } catch (CardException | IllegalStateException e) {
            AgentException failure = PcscFailure.whileUsingCard(e);
            recoverIfServiceLost(failure);
            throw failure;
        }
    }

    /**
     * Connects to the card in the named reader, one that {@link #readersWithCard()} listed. A reader gone since then
     * counts as no card there.
     */
    CardSession connect(String name) throws AgentException {
        CardTerminal terminal = null;
        for (CardTerminal candidate : allTerminals()) {
            if (candidate.getName().equals(name)) {
                terminal = candidate;
            }
        }
        if (terminal == null || !isCardPresent(terminal)) {
            throw new NoCardException("no card on the reader '" + name + "'");
        }
        try {
            return new CardSession(terminal.connect("*"));
        } catch (CardException | IllegalStateException e) {
            AgentException failure = PcscFailure.whileUsingCard(e);
            recoverIfServiceLost(failure);
            throw failure;
        }
    }

    /**
     * The names of the readers that hold a card, or only the configured reader. The names serve to reconnect within
     * one request; they never identify a card.
     */
    List<String> readersWithCard() throws AgentException {
        if (readerName.isPresent()) {
            return List.of(terminalWithCard().getName());
        }
        List<String> names = new ArrayList<>();
        for (CardTerminal terminal : terminalsWithCard()) {
            names.add(terminal.getName());
        }
        return names;
    }

    /**
     * Which readers there are and which hold a card, without connecting to any card: cheap enough to repeat a few
     * times a second for the page's card events. A PC/SC failure becomes part of the snapshot.
     */
    ReaderSnapshot snapshot() {
        try {
            Set<String> names = new LinkedHashSet<>();
            Set<String> withCard = new LinkedHashSet<>();
            for (CardTerminal terminal : allTerminals()) {
                names.add(terminal.getName());
                if (isCardPresent(terminal)) {
                    withCard.add(terminal.getName());
                }
            }
            return ReaderSnapshot.of(names, withCard);
        } catch (AgentException e) {
            return ReaderSnapshot.failed(e.code());
        }
    }

    /** The names of all readers, for the admin's status report. */
    List<String> readerNames() throws AgentException {
        List<String> names = new ArrayList<>();
        for (CardTerminal terminal : allTerminals()) {
            names.add(terminal.getName());
        }
        return names;
    }

    CardTerminal terminalWithCard() throws AgentException {
        List<CardTerminal> all = allTerminals();
        if (all.isEmpty()) {
            throw new NoReaderException("no card reader is connected");
        }

        if (readerName.isPresent()) {
            CardTerminal named = all.stream().filter(t -> t.getName().equals(readerName.get())).findFirst()
                    .orElseThrow(() -> new NoReaderException("the configured reader '" + readerName.get()
                            + "' is not connected"));
            if (!isCardPresent(named)) {
                throw new NoCardException("no card on the reader '" + named.getName() + "'");
            }
            return named;
        }

        List<CardTerminal> withCard = terminalsWithCard();
        if (withCard.size() > 1) {
            throw new MultipleCardsException(withCard.size() + " readers hold a card; leave only one, or name the "
                    + "reader in the configuration (reader.name)");
        }
        return withCard.get(0);
    }

    private List<CardTerminal> terminalsWithCard() throws AgentException {
        List<CardTerminal> all = allTerminals();
        if (all.isEmpty()) {
            throw new NoReaderException("no card reader is connected");
        }
        List<CardTerminal> withCard = new ArrayList<>();
        for (CardTerminal terminal : all) {
            if (isCardPresent(terminal)) {
                withCard.add(terminal);
            }
        }
        if (withCard.isEmpty()) {
            throw new NoCardException("no card on any of " + all.size() + " readers");
        }
        return withCard;
    }

    private List<CardTerminal> allTerminals() throws AgentException {
        try {
            return terminals.get().list();
        } catch (CardException | RuntimeException e) {
            AgentException failure = PcscFailure.whileListing(e);
            recoverIfServiceLost(failure);
            throw failure;
        }
    }

    private boolean isCardPresent(CardTerminal terminal) throws AgentException {
        try {
            return terminal.isCardPresent();
        } catch (CardException | RuntimeException e) {
            AgentException failure = PcscFailure.whileListing(e);
            recoverIfServiceLost(failure);
            throw failure;
        }
    }

    /** Without this, a restarted pcscd would leave the agent failing until someone restarts it by hand. */
    private void recoverIfServiceLost(AgentException failure) {
        if (failure instanceof ReaderServiceUnavailableException
                && terminals instanceof ReaderServiceConnection connection) {
            connection.renew();
        }
    }
}
