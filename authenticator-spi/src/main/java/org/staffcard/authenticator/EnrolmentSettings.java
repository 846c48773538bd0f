package org.staffcard.authenticator;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * Which card settings a card enrolment checks the new card against: those of the browser card step that this sign-in
 * came through. A required action has no settings of its own, and a second copy of the trust anchors would drift
 * from the sign-in's; a sign-in that passed no card step has none, and then the enrolment does not run.
 */
final class EnrolmentSettings {

    private static final String NOTE = "staffcard.settings";

    private EnrolmentSettings() {
    }

    /** Called by a browser card step that completed, so the enrolment that may follow uses the same settings. */
    static void remember(AuthenticationSessionModel authSession, AuthenticatorConfigModel settings) {
        if (settings != null) {
            authSession.setAuthNote(NOTE, settings.getId());
        }
    }

    /** Empty when no card step completed in this sign-in, or when its settings were deleted since. */
    static Optional<AuthenticatorConfigModel> find(RealmModel realm, AuthenticationSessionModel authSession) {
        String remembered = authSession.getAuthNote(NOTE);
        return remembered == null ? Optional.empty()
                : Optional.ofNullable(realm.getAuthenticatorConfigById(remembered));
    }

    static boolean remembered(AuthenticationSessionModel authSession) {
        return authSession.getAuthNote(NOTE) != null;
    }
}
