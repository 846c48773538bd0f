package org.staffcard.authenticator;

import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.staffcard.protocol.Challenge;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Challenges for devices without a browser. They live in Keycloak's single-use store, which every node of a cluster
 * shares, so a device may fetch the challenge from one node and redeem it at another. A challenge is tied to the
 * client that asked for it and is removed by its first redemption, whatever the outcome: the store's remove is
 * atomic across the cluster, so two requests racing with one challenge cannot both find it.
 */
final class DeviceChallenges {

    static final Duration LIFETIME = Duration.ofMinutes(3);

    private static final String KEY_PREFIX = "staffcard.device-challenge.";
    private static final String CLIENT_NOTE = "client";
    private static final String EXPIRES_NOTE = "expires";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceChallenges() {
    }

    static Challenge issue(KeycloakSession session, RealmModel realm, ClientModel client) {
        Challenge challenge = Challenge.random(RANDOM);
        long expires = Time.currentTimeMillis() + LIFETIME.toMillis();
        session.singleUseObjects().put(key(realm, challenge.text()), LIFETIME.toSeconds(),
                Map.of(CLIENT_NOTE, client.getId(), EXPIRES_NOTE, Long.toString(expires)));
        return challenge;
    }

    /**
     * Removes the challenge and answers it when it was issued in this realm to this client and has not expired.
     * Text that is not a challenge at all is never looked up.
     */
    static Optional<Challenge> redeem(KeycloakSession session, RealmModel realm, ClientModel client, String text) {
        Challenge challenge;
        try {
            challenge = Challenge.fromText(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }

        SingleUseObjectProvider store = session.singleUseObjects();
        Map<String, String> notes = store.remove(key(realm, challenge.text()));
        if (notes == null || !client.getId().equals(notes.get(CLIENT_NOTE))) {
            return Optional.empty();
        }
        // The store's own lifespan is in whole seconds and its expiry runs in the background; this is exact.
        String expires = notes.get(EXPIRES_NOTE);
        if (expires == null || Time.currentTimeMillis() > Long.parseLong(expires)) {
            return Optional.empty();
        }
        return Optional.of(challenge);
    }

    /** The realm's id keeps one realm's challenges from ever being redeemed in another. */
    private static String key(RealmModel realm, String challengeText) {
        return KEY_PREFIX + realm.getId() + "." + challengeText;
    }
}
