package org.staffcard.agent;

import org.staffcard.protocol.SignatureAlgorithm;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The My Number Card's JPKI user-authentication key: the card user ID from the organisation's free area (or the
 * certificate's fingerprint where there is none), RS256 signatures with the card padding a DigestInfo itself.
 */
final class JpkiProfile implements CardProfile {

    static final String NAME = "JPKI";

    private final Optional<FreeAreaFile> freeArea;

    JpkiProfile(Optional<FreeAreaFile> freeArea) {
        this.freeArea = freeArea;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean selectApplication(ApduExchange exchange) throws AgentException {
        return new JpkiCard(exchange).hasJpkiApplication();
    }

    @Override
    public CardIdentity readIdentity(ApduExchange exchange) throws AgentException {
        JpkiCard card = new JpkiCard(exchange);
        byte[] certificateDer = card.readAuthenticationCertificate();
        X509Certificate certificate = CardIdentity.parseCertificate(certificateDer);
        String cardUserId = freeArea.isPresent()
                ? card.readFreeAreaUserId(freeArea.get())
                : CardIdentity.fingerprint(certificateDer);
        int triesLeft = card.pinTriesLeft();
        return new CardIdentity(this, cardUserId, certificateDer, certificate, triesLeft, SignatureAlgorithm.RS256);
    }

    @Override
    public byte[] sign(ApduExchange exchange, CardIdentity identity, char[] pin, byte[] payload)
            throws AgentException {
        JpkiCard card = new JpkiCard(exchange);
        card.verifyPin(pin, identity.pinTriesLeft());
        return card.sign(Pkcs1SignatureBlock.sha256DigestInfo(payload));
    }
}
