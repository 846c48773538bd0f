package org.staffcard.agent;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps test terminals and counts every look at them, so a test can prove a request never reached the card. */
final class CountingTerminals extends CardTerminals {

    private final CardTerminals inner;
    private final AtomicInteger lookups = new AtomicInteger();

    CountingTerminals(CardTerminals inner) {
        this.inner = inner;
    }

    int lookups() {
        return lookups.get();
    }

    @Override
    public List<CardTerminal> list(State state) throws CardException {
        lookups.incrementAndGet();
        return inner.list(state);
    }

    @Override
    public boolean waitForChange(long timeout) throws CardException {
        return inner.waitForChange(timeout);
    }
}
