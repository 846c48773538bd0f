package org.staffcard.agent;

import java.util.Optional;

/**
 * Reads a card's identity in one session: finds its profile by the application it selects, then reads the card user
 * ID, the authentication certificate and the PIN tries the way that profile stores them.
 */
final class CardIdentityReader {

    private final CardProfiles profiles;

    CardIdentityReader(Optional<FreeAreaFile> freeArea) {
        this(CardProfiles.standard(freeArea));
    }

    CardIdentityReader(CardProfiles profiles) {
        this.profiles = profiles;
    }

    CardIdentity read(ApduExchange exchange) throws AgentException {
        return profiles.require(exchange).readIdentity(exchange);
    }

    CardProfiles profiles() {
        return profiles;
    }
}
