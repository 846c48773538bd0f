package org.staffcard.agent;

import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignedPayload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Makes one signature in three steps, with no card connection or transaction held while the user chooses a card or
 * types the PIN (Windows resets a transaction idle for about five seconds, and the user may take longer):
 *
 * <ol>
 *   <li>connect, read the card user ID, the certificate and the PIN tries, disconnect (each card, when several
 *   readers hold one and the PIN source lets the user choose);</li>
 *   <li>ask the user which card, if there are several, and then the {@link PinSource} for the PIN, naming the
 *   origin;</li>
 *   <li>reconnect to the chosen reader, make sure it is the same card, verify the PIN, sign, check the signature,
 *   disconnect.</li>
 * </ol>
 *
 * A card reset by another program in the middle of step 1 or 3 is reconnected and the step run once more, PIN
 * included; the PIN lives only for this one request and is cleared at its end.
 */
final class CardSigner {

    private static final Logger LOG = Logger.getLogger(CardSigner.class.getName());

    private final CardReaderService readers;
    private final CardIdentityReader identities;
    private final PinSource pins;
    private final ReentrantLock cardAccess;
    private final CardResetRetry retry;
    private final CardChoice choice;

    CardSigner(CardReaderService readers, CardIdentityReader identities, PinSource pins, ReentrantLock cardAccess) {
        this.readers = readers;
        this.identities = identities;
        this.pins = pins;
        this.cardAccess = cardAccess;
        this.retry = new CardResetRetry(readers);
        this.choice = new CardChoice(pins instanceof CardChooser chooser ? Optional.of(chooser) : Optional.empty());
    }

    CardAssertion sign(String origin, Challenge challenge) throws AgentException {
        CardCandidate chosen = choice.choose(origin, readCandidates());
        CardIdentity before = chosen.identity();
        if (before.pinTriesLeft() == 0) {
            throw new PinBlockedException("the card's authentication PIN is blocked");
        }

        char[] pin = pins.requestPin(new PinRequest(origin, before.pinTriesLeft(), before.cardUserId()));
        try {
            byte[] payload = SignedPayload.of(origin, challenge, before.cardUserId());
            byte[] signature = signOnSameCard(chosen.readerName(), before, pin, payload);
            LOG.info("Signed for origin " + origin + " with " + before.profile().name() + " card user ID "
                    + before.cardUserId() + ", certificate serial " + before.serialHex());
            return new CardAssertion(before.cardUserId(), List.of(before.certificateDer()), before.algorithm(),
                    signature);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** Whether several cards are offered to the user rather than refused; the status answer depends on it. */
    boolean userChoosesAmongCards() {
        return choice.userChooses();
    }

    private List<CardCandidate> readCandidates() throws AgentException {
        cardAccess.lock();
        try {
            List<String> names = readers.readersWithCard();
            choice.checkCount(names.size());
            List<CardCandidate> candidates = new ArrayList<>();
            for (String name : names) {
                CardIdentity identity = retry.run(name, "reading the card",
                        session -> identities.read(session.exchange()));
                candidates.add(new CardCandidate(name, identity));
            }
            return candidates;
        } finally {
            cardAccess.unlock();
        }
    }

    private byte[] signOnSameCard(String readerName, CardIdentity before, char[] pin, byte[] payload)
            throws AgentException {
        cardAccess.lock();
        try {
            return retry.run(readerName, "signing", session -> signInSession(session, before, pin, payload));
        } catch (NoCardException e) {
            // The card taken away during the PIN prompt is "removed", not "no card": the user had started with one.
            throw new CardRemovedException("the card was taken away while the PIN was asked for", e);
        } finally {
            cardAccess.unlock();
        }
    }

    private byte[] signInSession(CardSession session, CardIdentity before, char[] pin, byte[] payload)
            throws AgentException {
        CardIdentity now = identities.read(session.exchange());
        if (!now.sameCardAs(before)) {
            throw new CardChangedException("another card was put on the reader while the PIN was asked for");
        }

        // Fewer tries than the user was shown means a wrong PIN was counted meanwhile, by another program or by a
        // VERIFY of ours cut off by a reset. Sending the PIN again could then use a try, even the last one, that the
        // user never agreed to.
        if (now.pinTriesLeft() == 0) {
            throw new PinBlockedException("the card's authentication PIN was blocked while the PIN was asked for");
        }
        if (now.pinTriesLeft() < before.pinTriesLeft()) {
            throw new PinWrongException(now.pinTriesLeft(), "the card counted a wrong PIN since the PIN was asked "
                    + "for; it was not sent again");
        }

        byte[] signature = now.profile().sign(session.exchange(), now, pin, payload);

        // A card that answers 90 00 with bytes that are no signature must not reach the server as one.
        if (!before.algorithm().verify(before.certificate().getPublicKey(), payload, signature)) {
            throw new CardFailureException("the card's signature does not verify with its own certificate");
        }
        return signature;
    }
}
