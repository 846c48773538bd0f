package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The readers and the readers holding a card at one look, or the PC/SC failure that look met. Two snapshots in a
 * row tell which card events the page gets.
 */
record ReaderSnapshot(Set<String> readers, Set<String> withCard, Optional<AgentErrorCode> failure) {

    static final String CARD_INSERTED = "card-inserted";
    static final String CARD_REMOVED = "card-removed";
    static final String READER_CHANGED = "reader-changed";

    ReaderSnapshot {
        // In the order PC/SC lists them, for the admin's listing; equality ignores the order.
        readers = Collections.unmodifiableSet(new LinkedHashSet<>(readers));
        withCard = Collections.unmodifiableSet(new LinkedHashSet<>(withCard));
    }

    static ReaderSnapshot of(Set<String> readers, Set<String> withCard) {
        return new ReaderSnapshot(readers, withCard, Optional.empty());
    }

    static ReaderSnapshot failed(AgentErrorCode failure) {
        return new ReaderSnapshot(Set.of(), Set.of(), Optional.of(failure));
    }

    /** The events that lead from this snapshot to {@code next}, removals first; empty when nothing changed. */
    List<String> eventsTo(ReaderSnapshot next) {
        List<String> events = new ArrayList<>();
        if (!next.withCard.containsAll(withCard)) {
            events.add(CARD_REMOVED);
        }
        if (!withCard.containsAll(next.withCard)) {
            events.add(CARD_INSERTED);
        }
        if (!readers.equals(next.readers) || !failure.equals(next.failure)) {
            events.add(READER_CHANGED);
        }
        return events;
    }
}
