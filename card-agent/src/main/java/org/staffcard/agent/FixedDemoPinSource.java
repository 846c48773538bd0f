package org.staffcard.agent;

import java.util.logging.Logger;

/**
 * Answers every request with the same configured PIN, without asking anyone. Only for demos and automated tests,
 * where nobody sits at the PC: on a real staff PC it would let any allowed page sign without the user.
 *
 * <p>With one try left it refuses to send the PIN: nobody is there to confirm, and a wrong demo PIN would then
 * block the card.
 */
public final class FixedDemoPinSource implements PinSource {

    private static final Logger LOG = Logger.getLogger(FixedDemoPinSource.class.getName());

    private final char[] pin;

    public FixedDemoPinSource(char[] pin) {
        this.pin = pin.clone();
        LOG.warning("PIN source: fixed demo PIN (non-interactive; for demos and tests only)");
    }

    @Override
    public char[] requestPin(PinRequest request) throws PinCancelledException {
        if (!new PinPrompt(request).maySend(false)) {
            LOG.warning("Demo PIN not sent for origin " + request.origin() + ": the card has one PIN try left and "
                    + "nobody can confirm it; answered PIN_CANCELLED");
            throw new PinCancelledException("the demo PIN source does not use the card's last PIN try");
        }
        return pin.clone();
    }
}
