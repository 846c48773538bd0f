package org.staffcard.agent;

import java.util.List;

/**
 * A PIN source that can also ask the user which card to use when several readers hold one. The demo PIN source is
 * not one: nobody is there to choose, so it answers MULTIPLE_CARDS unless the configuration names the reader.
 */
interface CardChooser {

    /**
     * Asks which card to use, before the PIN; {@code labels} name each card by reader and card user ID. The answer is
     * the index of the chosen label.
     */
    int chooseCard(String origin, List<String> labels) throws PinCancelledException;
}
