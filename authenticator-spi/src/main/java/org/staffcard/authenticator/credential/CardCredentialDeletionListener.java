package org.staffcard.authenticator.credential;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ends the sessions a staff card started when an admin deletes the card's credential on the admin console's
 * Credentials tab (the admin API's credential deletion), as revoking the card does. Keycloak deletes the credential
 * and then records an admin event in the same request, which this listener receives. Only sessions whose card note
 * names the deleted credential end, so deleting a password or an enrolment code ends nothing.
 */
final class CardCredentialDeletionListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(CardCredentialDeletionListener.class);
    private static final Pattern CREDENTIAL_PATH = Pattern.compile("users/([^/]+)/credentials/([^/]+)");

    private final KeycloakSession session;

    CardCredentialDeletionListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        // Sign-in events never delete a credential.
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getOperationType() != OperationType.ACTION || event.getError() != null
                || event.getResourcePath() == null) {
            return;
        }
        Matcher path = CREDENTIAL_PATH.matcher(event.getResourcePath());
        if (!path.matches()) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, path.group(1));
        if (user == null) {
            return;
        }

        int ended = CardSessions.end(session, realm, user, path.group(2));
        if (ended > 0) {
            LOG.infof("Staff card credential '%s' of '%s' deleted in realm '%s' by an admin: %d session(s) it "
                    + "started ended", path.group(2), user.getUsername(), realm.getName(), ended);
        }
    }

    @Override
    public void close() {
    }
}
