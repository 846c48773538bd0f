package org.staffcard.authenticator;

import org.keycloak.common.util.Time;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffcard.protocol.Challenge;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * Issues sign-in challenges and redeems each exactly once. The challenge lives in the browser tab's authentication
 * session, which Keycloak keeps in its cluster-wide cache, so any node can redeem it; it is removed at the first
 * redemption whatever the outcome, which is what makes a replayed assertion useless.
 */
final class LoginChallenges {

    static final Duration LIFETIME = Duration.ofMinutes(3);

    private static final String VALUE_NOTE = "staffcard.challenge";
    private static final String EXPIRES_NOTE = "staffcard.challenge.expires";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LoginChallenges() {
    }

    static Challenge issue(AuthenticationSessionModel session) {
        Challenge challenge = Challenge.random(RANDOM);
        session.setAuthNote(VALUE_NOTE, challenge.text());
        session.setAuthNote(EXPIRES_NOTE, Long.toString(Time.currentTimeMillis() + LIFETIME.toMillis()));
        return challenge;
    }

    /** Removes the session's challenge and answers it when it has not expired. */
    static Optional<Challenge> redeem(AuthenticationSessionModel session) {
        String value = session.getAuthNote(VALUE_NOTE);
        String expires = session.getAuthNote(EXPIRES_NOTE);
        session.removeAuthNote(VALUE_NOTE);
        session.removeAuthNote(EXPIRES_NOTE);

        if (value == null || expires == null) {
            return Optional.empty();
        }
        if (Time.currentTimeMillis() > Long.parseLong(expires)) {
            return Optional.empty();
        }
        return Optional.of(Challenge.fromText(value));
    }
}
