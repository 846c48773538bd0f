package org.staffcard.authenticator.credential;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ties user sessions to the card that started them, so revoking a card ends exactly those sessions: a note naming
 * the card credential is set on the session at sign-in, and revocation logs out every session carrying it through
 * Keycloak's backchannel logout, which also tells each relying party that registered a logout URL.
 */
public final class CardSessions {

    /**
     * The user session note holding the ids of the card credentials that proved the session, space-separated: the
     * card that signed it in, and a card enrolled during it.
     */
    public static final String CARD_NOTE = "staffcard.credential";

    private CardSessions() {
    }

    /**
     * Marks the session being authenticated with a card, beside any card that marked this sign-in before; Keycloak
     * copies the note onto the user session. Revoking any of the cards then ends the session.
     */
    public static void mark(AuthenticationSessionModel authSession, StaffCardCredentialModel card) {
        Set<String> cards = new LinkedHashSet<>(ids(authSession.getUserSessionNotes().get(CARD_NOTE)));
        cards.add(card.getId());
        authSession.setUserSessionNote(CARD_NOTE, String.join(" ", cards));
    }

    /**
     * Marks a step-up of a signed-in user: the user session it continues keeps the cards that marked it (a card-only
     * sign-in with another card), since Keycloak replaces the session's note with this sign-in's.
     */
    public static void markStepUp(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession,
                                  StaffCardCredentialModel card) {
        // Keycloak gives the user session the id of the root authentication session it came from.
        UserSessionModel continued = session.sessions().getUserSession(realm, authSession.getParentSession().getId());
        if (continued != null) {
            Set<String> cards = new LinkedHashSet<>(ids(continued.getNote(CARD_NOTE)));
            cards.addAll(ids(authSession.getUserSessionNotes().get(CARD_NOTE)));
            authSession.setUserSessionNote(CARD_NOTE, String.join(" ", cards));
        }
        mark(authSession, card);
    }

    /** Ends every online and offline session of {@code user} started with the card; answers how many. */
    public static int end(KeycloakSession session, RealmModel realm, UserModel user, String cardCredentialId) {
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user)
                .filter(s -> carries(s.getNote(CARD_NOTE), cardCredentialId)).toList();
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user)
                .filter(s -> carries(s.getNote(CARD_NOTE), cardCredentialId)).toList();

        KeycloakContext context = session.getContext();
        for (UserSessionModel userSession : online) {
            AuthenticationManager.backchannelLogout(session, realm, userSession, context.getUri(),
                    context.getConnection(), context.getRequestHeaders(), true, false);
        }
        for (UserSessionModel userSession : offline) {
            AuthenticationManager.backchannelLogout(session, realm, userSession, context.getUri(),
                    context.getConnection(), context.getRequestHeaders(), true, true);
        }
        return online.size() + offline.size();
    }

    private static boolean carries(String note, String cardCredentialId) {
        return ids(note).contains(cardCredentialId);
    }

    private static List<String> ids(String note) {
        return note == null || note.isBlank() ? List.of() : Arrays.asList(note.trim().split(" +"));
    }
}
