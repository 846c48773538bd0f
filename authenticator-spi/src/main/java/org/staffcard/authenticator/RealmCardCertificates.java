package org.staffcard.authenticator;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.staffcard.authenticator.validation.CardAssertionValidator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The certificate rules the realm's card sign-in applies, for checks made outside a sign-in (an admin binding a
 * card). Every authenticator setting of the realm that names trust anchors counts, so a card accepted by any card
 * flow of the realm can be bound; a realm without one has no rules, and then no card can be bound.
 */
public final class RealmCardCertificates {

    private static final CardValidators VALIDATORS = CardValidators.SERVER;

    private RealmCardCertificates() {
    }

    public static List<CardAssertionValidator> validators(RealmModel realm) {
        return realm.getAuthenticatorConfigsStream()
                .filter(RealmCardCertificates::namesTrustAnchors)
                .map(model -> VALIDATORS.forConfig(CardAuthenticatorConfig.of(model), realm))
                .flatMap(Optional::stream)
                .toList();
    }

    private static boolean namesTrustAnchors(AuthenticatorConfigModel model) {
        Map<String, String> config = model.getConfig();
        return config != null && (notBlank(config.get(CardAuthenticatorConfig.TRUST_ANCHORS))
                || notBlank(config.get(CardAuthenticatorConfig.TRUST_ANCHORS_FILE)));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
