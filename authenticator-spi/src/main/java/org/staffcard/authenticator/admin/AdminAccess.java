package org.staffcard.authenticator.admin;

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
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Who calls the API, decided as Keycloak's own admin API decides it: a bearer access token issued by this realm
 * (an admin of the realm, or a service account) or by the master realm (a server admin), checked for signature,
 * expiry and an active session; then Keycloak's admin permission evaluator answers what that caller may do, from
 * the realm-management roles (view-users, manage-users) or fine-grained admin permissions.
 */
final class AdminAccess {

    private AdminAccess() {
    }

    static AdminPermissionEvaluator authenticate(KeycloakSession session, RealmModel realm) {
        KeycloakContext context = session.getContext();
        String token = AppAuthManager.extractAuthorizationHeaderToken(context.getRequestHeaders());
        if (token == null) {
            throw ApiErrors.unauthorized("send an access token as 'Authorization: Bearer <token>'");
        }
        RealmModel issuerRealm = issuerRealm(session, realm, token);

        context.setRealm(issuerRealm);
        AuthResult result;
        try {
            result = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(issuerRealm)
                    .setUriInfo(context.getUri()).setConnection(context.getConnection())
                    .setHeaders(context.getRequestHeaders()).setTokenString(token).authenticate();
        } finally {
            context.setRealm(realm);
        }
        if (result == null) {
            throw ApiErrors.unauthorized("the access token is not valid, has expired or its session has ended");
        }

        ClientModel client = issuerRealm.getClientByClientId(result.token().getIssuedFor());
        AdminAuth admin = new AdminAuth(issuerRealm, result.token(), result.user(), client);
        return AdminPermissions.evaluator(session, realm, admin);
    }

    /** The realm named by the token's issuer, when it is this realm or the master realm. */
    private static RealmModel issuerRealm(KeycloakSession session, RealmModel realm, String token) {
        String issuer;
        try {
            issuer = new JWSInput(token).readJsonContent(AccessToken.class).getIssuer();
        } catch (JWSInputException | RuntimeException e) {
            throw ApiErrors.unauthorized("the bearer token is not a readable access token");
        }
        String name = issuer == null ? "" : issuer.substring(issuer.lastIndexOf('/') + 1);
        if (name.equals(realm.getName())) {
            return realm;
        }
        if (name.equals(Config.getAdminRealm())) {
            return session.realms().getRealmByName(name);
        }
        throw ApiErrors.unauthorized("the access token must be issued by realm '" + realm.getName() + "' or '"
                + Config.getAdminRealm() + "'");
    }
}
