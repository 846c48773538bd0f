package org.staffcard.agent;

import java.util.List;
import java.util.Optional;

/**
 * Decides which card a request signs with: the only one, or the one the user picks. Reader names change when
 * readers are replugged, so the user sees each card's card user ID beside its reader, and the signing step later
 * checks that the reader still holds that very card.
 */
final class CardChoice {

    private final Optional<CardChooser> chooser;

    CardChoice(Optional<CardChooser> chooser) {
        this.chooser = chooser;
    }

    /** Whether several cards can be offered to the user; without a chooser they answer MULTIPLE_CARDS. */
    boolean userChooses() {
        return chooser.isPresent();
    }

    /** Before reading several cards: refuses at once when nobody can choose among them. */
    void checkCount(int cards) throws MultipleCardsException {
        if (cards > 1 && chooser.isEmpty()) {
            throw new MultipleCardsException(cards + " readers hold a card; leave only one, or name the reader in "
                    + "the configuration (reader.name)");
        }
    }

    CardCandidate choose(String origin, List<CardCandidate> candidates) throws AgentException {
        if (candidates.isEmpty()) {
            throw new NoCardException("no card on any reader");
        }
        checkCount(candidates.size());
        if (candidates.size() == 1) {
            return candidates.get(0);
        }

        List<String> labels = candidates.stream().map(CardCandidate::label).toList();
        int chosen = chooser.orElseThrow().chooseCard(origin, labels);
        if (chosen < 0 || chosen >= candidates.size()) {
            throw new PinCancelledException("no card was chosen");
        }
        return candidates.get(chosen);
    }
}
