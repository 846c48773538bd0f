package org.staffcard.agent;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** Reads a card's identity in one session: the card user ID, the authentication certificate, the PIN tries. */
final class CardIdentityReader {

    private final Optional<FreeAreaFile> freeArea;

    CardIdentityReader(Optional<FreeAreaFile> freeArea) {
        this.freeArea = freeArea;
    }

    CardIdentity read(JpkiCard card) throws AgentException {
        byte[] certificateDer = card.readAuthenticationCertificate();
        X509Certificate certificate = CardIdentity.parseCertificate(certificateDer);
        String cardUserId = freeArea.isPresent()
                ? card.readFreeAreaUserId(freeArea.get())
                : CardIdentity.fingerprint(certificateDer);
        int triesLeft = card.pinTriesLeft();
        return new CardIdentity(cardUserId, certificateDer, certificate, triesLeft);
    }
}
