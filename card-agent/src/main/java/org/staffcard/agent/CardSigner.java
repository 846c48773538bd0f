package org.staffcard.agent;

import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
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

    /** DER of DigestInfo for SHA-256 up to the 32-byte hash (PKCS#1 v2.2, section 9.2, note 1). */
    private static final byte[] SHA256_DIGEST_INFO_PREFIX =
            HexFormat.of().parseHex("3031300D060960864801650304020105000420");

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
            LOG.info("Signed for origin " + origin + " with card user ID " + before.cardUserId()
                    + ", certificate serial " + before.serialHex());
            return new CardAssertion(before.cardUserId(), List.of(before.certificateDer()), SignatureAlgorithm.RS256,
                    signature);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private CardIdentity readIdentity() throws AgentException {
        cardAccess.lock();
        try (CardSession session = readers.connect()) {
            return identities.read(session.jpki());
        } finally {
            cardAccess.unlock();
        }
    }

    private byte[] signOnSameCard(CardIdentity before, char[] pin, byte[] payload) throws AgentException {
        cardAccess.lock();
        try (CardSession session = reconnect()) {
            CardIdentity now = identities.read(session.jpki());
            if (!now.sameCardAs(before)) {
                throw new CardChangedException("another card was put on the reader while the PIN was asked for");
            }

            session.jpki().verifyPin(pin, now.pinTriesLeft());
            byte[] signature = session.jpki().sign(digestInfo(payload));

            // A card that answers 90 00 with bytes that are no signature must not reach the server as one.
            if (!SignatureAlgorithm.RS256.verify(before.certificate().getPublicKey(), payload, signature)) {
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

    private static byte[] digestInfo(byte[] payload) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] digestInfo = Arrays.copyOf(SHA256_DIGEST_INFO_PREFIX, SHA256_DIGEST_INFO_PREFIX.length + hash.length);
        System.arraycopy(hash, 0, digestInfo, SHA256_DIGEST_INFO_PREFIX.length, hash.length);
        return digestInfo;
    }
}
