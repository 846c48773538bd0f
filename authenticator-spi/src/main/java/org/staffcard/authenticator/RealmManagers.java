package org.staffcard.authenticator;

import org.keycloak.Config;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Whether the caller of an admin request may change a realm's authentication settings, decided as Keycloak's admin
 * API decides it: a valid bearer access token of this realm or the master realm, and manage-realm permission. Any
 * doubt answers no, so that Keycloak's own resource, not the card settings check, speaks to such a caller.
 */
final class RealmManagers {

    private RealmManagers() {
    }

    static boolean mayManage(KeycloakSession session, RealmModel realm) {
        KeycloakContext context = session.getContext();
        String token = AppAuthManager.extractAuthorizationHeaderToken(context.getRequestHeaders());
        RealmModel issuerRealm = token == null ? null : issuerRealm(session, realm, token);
        if (issuerRealm == null) {
            return false;
        }

        RealmModel before = context.getRealm();
        context.setRealm(issuerRealm);
        try {
            AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(issuerRealm)
                    .setUriInfo(context.getUri()).setConnection(context.getConnection())
                    .setHeaders(context.getRequestHeaders()).setTokenString(token).authenticate();
            if (result == null) {
                return false;
            }
            ClientModel client = issuerRealm.getClientByClientId(result.token().getIssuedFor());
            AdminAuth admin = new AdminAuth(issuerRealm, result.token(), result.user(), client);
            return AdminPermissions.evaluator(session, realm, admin).realm().canManageRealm();
        } catch (RuntimeException e) {
            // An unusable token or session: Keycloak's resource gives the caller its own answer.
            return false;
        } finally {
            context.setRealm(before);
        }
    }

    private static RealmModel issuerRealm(KeycloakSession session, RealmModel realm, String token) {
        String issuer;
        try {
            issuer = new JWSInput(token).readJsonContent(AccessToken.class).getIssuer();
        } catch (JWSInputException | RuntimeException e) {
            return null;
        }
        String name = issuer == null ? "" : issuer.substring(issuer.lastIndexOf('/') + 1);
        if (name.equals(realm.getName())) {
            return realm;
        }
        return name.equals(Config.getAdminRealm()) ? session.realms().getRealmByName(name) : null;
    }
}
