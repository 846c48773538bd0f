package org.staffcard.agent;

import java.util.logging.Logger;

/**
 * Answers every request with the same configured PIN, without asking anyone. Only for demos and automated tests,
 * where nobody sits at the PC: on a real staff PC it would let any allowed page sign without the user.
 */
public final class FixedDemoPinSource implements PinSource {

    private static final Logger LOG = Logger.getLogger(FixedDemoPinSource.class.getName());

    private final char[] pin;

    public FixedDemoPinSource(char[] pin) {
        this.pin = pin.clone();
        LOG.warning("PIN source: fixed demo PIN (non-interactive; for demos and tests only)");
    }

    @Override
    public char[] requestPin(PinRequest request) {
        return pin.clone();
    }
}
