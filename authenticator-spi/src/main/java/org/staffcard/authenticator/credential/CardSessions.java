package org.staffcard.authenticator.credential;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Arrays;
import java.util.List;

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
     * Marks the session being authenticated with a card, beside any card that marked it before; Keycloak copies the
     * note onto the user session it creates. Revoking any of the cards then ends the session.
     */
    public static void mark(AuthenticationSessionModel authSession, StaffCardCredentialModel card) {
        String marked = authSession.getUserSessionNotes().get(CARD_NOTE);
        if (marked == null || marked.isBlank()) {
            authSession.setUserSessionNote(CARD_NOTE, card.getId());
        } else if (!carries(marked, card.getId())) {
            authSession.setUserSessionNote(CARD_NOTE, marked + " " + card.getId());
        }
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
        return note != null && Arrays.asList(note.split(" ")).contains(cardCredentialId);
    }
}
