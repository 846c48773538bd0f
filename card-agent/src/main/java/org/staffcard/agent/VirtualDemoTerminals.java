package org.staffcard.agent;

import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.InProcessCardTerminals;

import javax.smartcardio.CardTerminals;
import java.util.function.Supplier;

/**
 * {@code reader = virtual}: one in-process reader holding the committed demo card (card user ID S0012345, PIN 1234),
 * for machines without pcscd. The demo card's key is public, so this is for demos and tests only.
 */
final class VirtualDemoTerminals implements Supplier<CardTerminals> {

    static final String READER_NAME = "Staff card virtual demo reader";

    private final InProcessCardTerminals terminals = InProcessCardTerminals.withCard(READER_NAME, DemoCard.newCard());

    @Override
    public CardTerminals get() {
        return terminals;
    }
}
