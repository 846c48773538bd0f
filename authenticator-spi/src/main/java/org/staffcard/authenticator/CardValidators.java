package org.staffcard.authenticator;

import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.staffcard.authenticator.validation.CardAssertionValidator;
import org.staffcard.authenticator.revocation.RevocationChecker;
import org.staffcard.authenticator.revocation.RevocationPolicy;
import org.staffcard.authenticator.revocation.RevocationSettings;
import org.staffcard.authenticator.validation.TrustAnchors;

import java.nio.file.Path;

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

    /**
     * The one set every card step and the staff-cards API use, so that steps sharing settings share one validator
     * and its revocation caches: a CRL is loaded once per server, not once per step.
     */
    static final CardValidators SERVER = new CardValidators(Clock.systemUTC());

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
        if (config.trustAnchorsPem().isEmpty() && config.trustAnchorsFile().isEmpty()) {
            LOG.warnf("Card sign-in in realm '%s' has no trust anchors: every card is refused. Paste the issuing CA "
                    + "certificates into authenticator config '%s'.", realm.getName(), config.alias());
            return Optional.empty();
        }
        if (config.allowedAlgorithms().isEmpty()) {
            LOG.warnf("Card sign-in in realm '%s' allows no signature algorithm: every card is refused. Fix "
                    + "'Allowed signature algorithms' in authenticator config '%s'.", realm.getName(), config.alias());
            return Optional.empty();
        }
        TrustAnchors anchors;
        try {
            anchors = trustAnchors(config);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Card sign-in in realm '%s' cannot use the trust anchors of authenticator config '%s': %s. "
                    + "Every card is refused until they are fixed.", realm.getName(), config.alias(), e.getMessage());
            return Optional.empty();
        }

        // Saving through the admin API refuses unusable settings, but an import or a changed trust anchors file
        // reaches sign-in without that check: such a setting is reported here, and card sign-in fails closed.
        try {
            RevocationSettings revocation = config.revocationSettings();
            CardAssertionValidator.Builder builder = CardAssertionValidator.builder(anchors).clock(clock)
                    .intermediates(config.intermediates()).acceptedIssuers(config.acceptedIssuers())
                    .allowedAlgorithms(config.allowedAlgorithms()).clockSkew(config.clockSkew())
                    .certificatePolicies(config.certificatePolicies())
                    .revocationCheck(RevocationChecker.of(revocation, clock));
            config.requiredExtendedKeyUsage().ifPresent(builder::requiredExtendedKeyUsage);
            warnAboutRevocationChoice(revocation, config, realm);
            return Optional.of(builder.build());
        } catch (IllegalArgumentException e) {
            LOG.warnf("Card sign-in in realm '%s' cannot use authenticator config '%s': %s. Every card is refused "
                    + "until the setting is fixed.", realm.getName(), config.alias(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Also used by the start-up review of the settings, so both read the anchors the same way. */
    static TrustAnchors trustAnchors(CardAuthenticatorConfig config) {
        if (config.trustAnchorsFile().isEmpty()) {
            return TrustAnchors.fromPem(config.trustAnchorsPem());
        }
        TrustAnchors fromFile = TrustAnchors.fromFile(Path.of(config.trustAnchorsFile()));
        if (config.trustAnchorsPem().isEmpty()) {
            return fromFile;
        }
        return TrustAnchors.fromPem(config.trustAnchorsPem() + "\n" + TrustAnchors.toPem(fromFile));
    }

    /** Logged once per setting, when it is first used, so the admin sees a weak choice without a flood of lines. */
    private static void warnAboutRevocationChoice(RevocationSettings revocation, CardAuthenticatorConfig config,
                                                  RealmModel realm) {
        if (revocation.policy() == RevocationPolicy.NONE) {
            LOG.warnf("Card sign-in in realm '%s' does not check revocation (authenticator config '%s'): a lost or "
                    + "withdrawn card keeps working until its certificate expires. Choose ocsp, crl or "
                    + "ocsp-then-crl under 'Revocation check'.", realm.getName(), config.alias());
        } else if (revocation.failOpen()) {
            LOG.warnf("Card sign-in in realm '%s' lets cards in when revocation cannot be checked (authenticator "
                    + "config '%s'); each such sign-in is logged.", realm.getName(), config.alias());
        }
    }
}
