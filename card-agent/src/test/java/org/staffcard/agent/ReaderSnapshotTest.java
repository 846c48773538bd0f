package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.protocol.AgentErrorCode;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReaderSnapshotTest {

    private static final ReaderSnapshot ONE_CARD = ReaderSnapshot.of(Set.of("A"), Set.of("A"));
    private static final ReaderSnapshot EMPTY_READER = ReaderSnapshot.of(Set.of("A"), Set.of());

    @Test
    void sameReadersAndCardsGiveNoEvent() {
        assertThat(ONE_CARD.eventsTo(ReaderSnapshot.of(Set.of("A"), Set.of("A")))).isEmpty();
    }

    @Test
    void aCardTakenAwayIsCardRemoved() {
        assertThat(ONE_CARD.eventsTo(EMPTY_READER)).containsExactly(ReaderSnapshot.CARD_REMOVED);
    }

    @Test
    void aCardPutOnIsCardInserted() {
        assertThat(EMPTY_READER.eventsTo(ONE_CARD)).containsExactly(ReaderSnapshot.CARD_INSERTED);
    }

    @Test
    void aReaderUnpluggedWithItsCardIsCardRemovedAndReaderChanged() {
        assertThat(ONE_CARD.eventsTo(ReaderSnapshot.of(Set.of(), Set.of())))
                .containsExactly(ReaderSnapshot.CARD_REMOVED, ReaderSnapshot.READER_CHANGED);
    }

    @Test
    void theCardMovedToAnotherReaderIsRemovedThenInserted() {
        ReaderSnapshot moved = ReaderSnapshot.of(Set.of("A", "B"), Set.of("B"));
        ReaderSnapshot before = ReaderSnapshot.of(Set.of("A", "B"), Set.of("A"));

        assertThat(before.eventsTo(moved)).containsExactly(ReaderSnapshot.CARD_REMOVED, ReaderSnapshot.CARD_INSERTED);
    }

    @Test
    void theReaderServiceGoingAwayIsReaderChanged() {
        ReaderSnapshot down = ReaderSnapshot.failed(AgentErrorCode.READER_SERVICE_UNAVAILABLE);

        assertThat(EMPTY_READER.eventsTo(down)).containsExactly(ReaderSnapshot.READER_CHANGED);
        assertThat(down.eventsTo(down)).isEmpty();
    }
}
