package org.staffcard.agent;

import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignedPayload;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Makes one signature in three steps, with no card connection or transaction held while the user types the PIN
 * (Windows resets a transaction idle for about five seconds, and the user may take longer):
 *
 * <ol>
 *   <li>connect, read the card user ID, the certificate and the PIN tries, disconnect;</li>
 *   <li>ask the {@link PinSource}, naming the origin;</li>
 *   <li>reconnect, make sure it is the same card, verify the PIN, sign, check the signature, disconnect.</li>
 * </ol>
 */
final class CardSigner {

    private static final Logger LOG = Logger.getLogger(CardSigner.class.getName());

    private final CardReaderService readers;
    private final CardIdentityReader identities;
    private final PinSource pins;
    private final ReentrantLock cardAccess;

    CardSigner(CardReaderService readers, CardIdentityReader identities, PinSource pins, ReentrantLock cardAccess) {
        this.readers = readers;
        this.identities = identities;
        this.pins = pins;
        this.cardAccess = cardAccess;
    }

    CardAssertion sign(String origin, Challenge challenge) throws AgentException {
        CardIdentity before = readIdentity();
        if (before.pinTriesLeft() == 0) {
            throw new PinBlockedException("the card's authentication PIN is blocked");
        }

        char[] pin = pins.requestPin(new PinRequest(origin, before.pinTriesLeft(), before.cardUserId()));
        try {
            byte[] payload = SignedPayload.of(origin, challenge, before.cardUserId());
            byte[] signature = signOnSameCard(before, pin, payload);
            LOG.info("Signed for origin " + origin + " with " + before.profile().name() + " card user ID "
                    + before.cardUserId() + ", certificate serial " + before.serialHex());
            return new CardAssertion(before.cardUserId(), List.of(before.certificateDer()), before.algorithm(),
                    signature);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private CardIdentity readIdentity() throws AgentException {
        cardAccess.lock();
        try (CardSession session = readers.connect()) {
            return identities.read(session.exchange());
        } finally {
            cardAccess.unlock();
        }
    }

    private byte[] signOnSameCard(CardIdentity before, char[] pin, byte[] payload) throws AgentException {
        cardAccess.lock();
        try (CardSession session = reconnect()) {
            CardIdentity now = identities.read(session.exchange());
            if (!now.sameCardAs(before)) {
                throw new CardChangedException("another card was put on the reader while the PIN was asked for");
            }

            byte[] signature = now.profile().sign(session.exchange(), now, pin, payload);

            // A card that answers 90 00 with bytes that are no signature must not reach the server as one.
            if (!before.algorithm().verify(before.certificate().getPublicKey(), payload, signature)) {
                throw new CardFailureException("the card's signature does not verify with its own certificate");
            }
            return signature;
        } finally {
            cardAccess.unlock();
        }
    }

    /** The card taken away during the PIN prompt is "removed", not "no card": the user had started with one. */
    private CardSession reconnect() throws AgentException {
        try {
            return readers.connect();
        } catch (NoCardException e) {
            throw new CardRemovedException("the card was taken away while the PIN was asked for", e);
        }
    }
}
