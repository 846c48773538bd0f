package org.staffcard.agent;

import java.util.List;
import java.util.Optional;

/**
 * The profiles the agent knows, in the order it tries them: JPKI first, then PIV. A card is of the first profile
 * whose application it selects; after detection that application stays selected for the rest of the session.
 */
final class CardProfiles {

    private final List<CardProfile> profiles;

    CardProfiles(List<CardProfile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    static CardProfiles standard(Optional<FreeAreaFile> freeArea) {
        return new CardProfiles(List.of(new JpkiProfile(freeArea), new PivProfile()));
    }

    Optional<CardProfile> detect(ApduExchange exchange) throws AgentException {
        for (CardProfile profile : profiles) {
            if (profile.selectApplication(exchange)) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }

    CardProfile require(ApduExchange exchange) throws AgentException {
        return detect(exchange).orElseThrow(() -> new CardUnsupportedException("the card has neither a JPKI nor a "
                + "PIV application"));
    }
}
