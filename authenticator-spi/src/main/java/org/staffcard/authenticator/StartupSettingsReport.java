package org.staffcard.authenticator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

/**
 * Reviews the card authenticator's settings in every realm once the server has started, and writes one log line per
 * bad setting: realm, config alias, setting key, what is wrong and what to change. A setting saved through the
 * admin API is refused there when unusable ({@link CardSettingsSaveCheck}), but settings also arrive without that
 * call: a realm import at start, a realm or partial import through the admin API, a database restore, and a trust
 * anchors file that changes on disk. The start is the earliest moment to speak of those; what changes later is
 * reported at the first sign-in that uses it.
 */
final class StartupSettingsReport {

    private static final Logger LOG = Logger.getLogger(StartupSettingsReport.class);

    private StartupSettingsReport() {
    }

    /** Runs the review after Keycloak has imported and migrated the realms, inside its own transaction. */
    static void register(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, StartupSettingsReport::reportAllRealms);
            }
        });
    }

    static void reportAllRealms(KeycloakSession session) {
        session.realms().getRealmsStream().forEach(StartupSettingsReport::reportRealm);
    }

    static void reportRealm(RealmModel realm) {
        Set<String> configIds = new LinkedHashSet<>();
        boolean unconfigured = realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(execution -> CardPasswordAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator()))
                .filter(execution -> !execution.isDisabled())
                .map(execution -> record(execution, configIds))
                .reduce(false, Boolean::logicalOr);

        if (unconfigured) {
            LOG.errorf("Card sign-in settings in realm '%s': a '%s' step has no authenticator config, so every card "
                    + "is refused. To fix: open the step's settings (gear icon) and set at least the trust anchors.",
                    realm.getName(), CardPasswordAuthenticatorFactory.PROVIDER_ID);
        }
        for (String id : configIds) {
            AuthenticatorConfigModel model = realm.getAuthenticatorConfigById(id);
            if (model != null) {
                report(realm.getName(), CardAuthenticatorConfig.of(model));
            }
        }
    }

    private static boolean record(AuthenticationExecutionModel execution, Set<String> configIds) {
        if (execution.getAuthenticatorConfig() == null) {
            return true;
        }
        configIds.add(execution.getAuthenticatorConfig());
        return false;
    }

    static void report(String realmName, CardAuthenticatorConfig config) {
        List<CardSettingsReview.Finding> findings = CardSettingsReview.review(config);
        for (CardSettingsReview.Finding finding : findings) {
            String line = String.format("Card sign-in settings in realm '%s', authenticator config '%s': setting '%s' "
                    + "%s. To fix: %s.", realmName, config.alias(), finding.key(), finding.problem(), finding.fix());
            if (finding.level() == CardSettingsReview.Level.ERROR) {
                LOG.error(line);
            } else {
                LOG.warn(line);
            }
        }
        if (findings.isEmpty()) {
            LOG.debugf("Card sign-in settings in realm '%s', authenticator config '%s': no problem found",
                    realmName, config.alias());
        }
    }
}
