package org.staffcard.authenticator;

import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.staffcard.authenticator.validation.CardAssertionValidator;
import org.staffcard.authenticator.validation.TrustAnchors;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds one validator per distinct authenticator setting and keeps it, so trust anchors are parsed once and not at
 * every sign-in. A setting that cannot be used gives no validator: card sign-in then fails closed, with a warning
 * that names the setting to fix.
 */
final class CardValidators {

    private static final Logger LOG = Logger.getLogger(CardValidators.class);

    /** Settings change rarely; the bound only stops an endless stream of edits from growing the map. */
    private static final int MAX_CACHED = 64;

    private final Map<String, Optional<CardAssertionValidator>> cache = new ConcurrentHashMap<>();
    private final Clock clock;

    CardValidators(Clock clock) {
        this.clock = clock;
    }

    Optional<CardAssertionValidator> forConfig(CardAuthenticatorConfig config, RealmModel realm) {
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        return cache.computeIfAbsent(config.fingerprint(), key -> build(config, realm));
    }

    private Optional<CardAssertionValidator> build(CardAuthenticatorConfig config, RealmModel realm) {
        if (config.trustAnchorsPem().isEmpty()) {
            LOG.warnf("Card sign-in in realm '%s' has no trust anchors: every card is refused. Paste the issuing CA "
                    + "certificates into authenticator config '%s'.", realm.getName(), config.alias());
            return Optional.empty();
        }
        if (config.allowedAlgorithms().isEmpty()) {
            LOG.warnf("Card sign-in in realm '%s' allows no signature algorithm: every card is refused. Fix "
                    + "'Allowed signature algorithms' in authenticator config '%s'.", realm.getName(), config.alias());
            return Optional.empty();
        }
        try {
            TrustAnchors anchors = TrustAnchors.fromPem(config.trustAnchorsPem());
            return Optional.of(new CardAssertionValidator(anchors, clock, config.allowedAlgorithms(),
                    config.clockSkew()));
        } catch (IllegalArgumentException e) {
            LOG.warnf("Card sign-in in realm '%s' cannot use the trust anchors of authenticator config '%s': %s. "
                    + "Every card is refused until they are fixed.", realm.getName(), config.alias(), e.getMessage());
            return Optional.empty();
        }
    }
}
