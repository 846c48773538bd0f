package org.staffcard.virtualcard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/**
 * Card readers inside the JVM, for tests on machines without pcscd: each named terminal can hold a virtual card,
 * and a test inserts or removes cards while the code under test runs. It keeps the contract of the JDK's PC/SC
 * terminals: {@link #waitForChange(long)} compares against the state at its previous call, and
 * {@link CardTerminals.State#CARD_INSERTION} and {@code CARD_REMOVAL} report what that latest call saw.
 *
 * <p>The channels pass the card's answers through untouched: unlike the JDK's PC/SC channel they do not answer
 * 61 xx and 6C xx by themselves, so a reader's own handling of those status words gets tested.
 */
public final class InProcessCardTerminals extends CardTerminals {

    private final Map<String, InProcessCardTerminal> terminals = new LinkedHashMap<>();
    /** What each terminal held at the previous {@link #waitForChange(long)}; null before the first call. */
    private Map<String, Long> lastSeenInsertions;
    private Set<String> insertedAtLastWait = Set.of();
    private Set<String> removedAtLastWait = Set.of();

    public InProcessCardTerminals(String... names) {
        for (String name : names) {
            addTerminal(name);
        }
    }

    /** One terminal holding the given card, the most common test setup. */
    public static InProcessCardTerminals withCard(String terminalName, VirtualCard card) {
        InProcessCardTerminals terminals = new InProcessCardTerminals(terminalName);
        terminals.insert(terminalName, card);
        return terminals;
    }

    /** Plugs in an empty reader. */
    public synchronized InProcessCardTerminal addTerminal(String name) {
        if (terminals.containsKey(name)) {
            throw new IllegalArgumentException("a terminal named " + name + " already exists");
        }
        InProcessCardTerminal terminal = new InProcessCardTerminal(name, this);
        terminals.put(name, terminal);
        notifyAll();
        return terminal;
    }

    /** Unplugs a reader; a card in it counts as removed. */
    public synchronized void removeTerminal(String name) {
        terminal(name).removeCard();
        terminals.remove(name);
        notifyAll();
    }

    public synchronized InProcessCardTerminal terminal(String name) {
        InProcessCardTerminal terminal = terminals.get(name);
        if (terminal == null) {
            throw new IllegalArgumentException("no terminal named " + name + "; there are " + terminals.keySet());
        }
        return terminal;
    }

    public void insert(String terminalName, VirtualCard card) {
        terminal(terminalName).insertCard(card);
    }

    public void remove(String terminalName) {
        terminal(terminalName).removeCard();
    }

    @Override
    public synchronized List<CardTerminal> list(State state) {
        List<CardTerminal> matching = new ArrayList<>();
        for (InProcessCardTerminal terminal : terminals.values()) {
            boolean include = switch (state) {
                case ALL -> true;
                case CARD_PRESENT -> terminal.isCardPresent();
                case CARD_ABSENT -> !terminal.isCardPresent();
                case CARD_INSERTION -> insertedAtLastWait.contains(terminal.getName());
                case CARD_REMOVAL -> removedAtLastWait.contains(terminal.getName());
            };
            if (include) {
                matching.add(terminal);
            }
        }
        return matching;
    }

    @Override
    public synchronized boolean waitForChange(long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        if (lastSeenInsertions == null) {
            lastSeenInsertions = currentInsertions();
        }

        // As in the JDK, 0 means wait without limit.
        long deadline = timeout == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeout;
        Map<String, Long> now = currentInsertions();
        while (now.equals(lastSeenInsertions)) {
            long remaining = deadline - System.currentTimeMillis();
            if (remaining <= 0) {
                insertedAtLastWait = Set.of();
                removedAtLastWait = Set.of();
                return false;
            }
            awaitChange(remaining);
            now = currentInsertions();
        }

        insertedAtLastWait = difference(now, lastSeenInsertions);
        removedAtLastWait = difference(lastSeenInsertions, now);
        lastSeenInsertions = now;
        return true;
    }

    /** Called with this object's lock held, by a terminal whose card came or went. */
    void cardChanged() {
        notifyAll();
    }

    /** Waits on this object's monitor; callers hold its lock. */
    void awaitChange(long millis) throws CardException {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CardException("interrupted while waiting for a card change", e);
        }
    }

    /** Each terminal holding a card, mapped to that insertion's number, so a swap of cards shows as a change. */
    private Map<String, Long> currentInsertions() {
        Map<String, Long> insertions = new HashMap<>();
        terminals.values().stream().filter(InProcessCardTerminal::isCardPresent)
                .forEach(terminal -> insertions.put(terminal.getName(), terminal.insertionNumber()));
        return insertions;
    }

    /** Terminals holding a card in {@code after} that they did not hold, as the same insertion, in {@code before}. */
    private static Set<String> difference(Map<String, Long> after, Map<String, Long> before) {
        Set<String> names = new TreeSet<>();
        after.forEach((name, insertion) -> {
            if (!insertion.equals(before.get(name))) {
                names.add(name);
            }
        });
        return Set.copyOf(names);
    }
}
