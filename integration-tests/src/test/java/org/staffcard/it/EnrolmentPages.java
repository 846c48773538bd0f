package org.staffcard.it;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.staffcard.it.OidcLogin.LoginPage;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The card enrolment as a browser drives it over HTTP: the first-time page with its code, the "Enrol a staff card"
 * page a software card answers, and what an admin does around them (setting the action on an account, an app whose
 * browser sign-in is Keycloak's password form alone).
 */
final class EnrolmentPages {

    static final String ACTION = "staff-card-enrol";

    private static final String ORIGIN = CardStack.KEYCLOAK_ORIGIN;
    private static final String PASSWORD_ONLY_FLOW = "password only";

    private EnrolmentPages() {
    }

    /** The login page's "first time with this card" link, then username, password and code; answers the last post. */
    static HttpResponse<String> proveWithCode(OidcLogin login, String username, String password, String code)
            throws Exception {
        return proveWithCode(login, username, password, code, Map.of());
    }

    /** The same, with extra parameters in the app's authorization request. */
    static HttpResponse<String> proveWithCode(OidcLogin login, String username, String password, String code,
                                              Map<String, String> extra) throws Exception {
        String loginPage = login.get(login.authorizationUrl(extra)).body();
        HttpResponse<String> accountPage = login.post(OidcLogin.enrolFormAction(loginPage),
                Map.of("staffcardEnrol", "start"));
        return login.post(OidcLogin.enrolFormAction(accountPage.body()), Map.of("staffcardEnrol", "account",
                "username", username, "password", password, "enrolmentCode", code));
    }

    /** Posts the card page as its script would, with the card's assertion over the page's challenge. */
    static HttpResponse<String> presentCard(OidcLogin login, LoginPage cardPage, SoftwareCard card) throws Exception {
        return login.post(cardPage.action(), Map.of("staffcardEnrol", "card",
                "cardAssertion", card.assertion(ORIGIN, cardPage.challenge()), "cardProfile", "piv"));
    }

    /** Follows a redirect the way the browser would, to the page or the app it leads to. */
    static HttpResponse<String> follow(OidcLogin login, HttpResponse<String> redirect) throws Exception {
        assertThat(redirect.statusCode()).as(LoginPage.errorText(redirect.body())).isEqualTo(302);
        return login.get(redirect.headers().firstValue("Location").orElseThrow());
    }

    /** What an admin does under Required user actions. */
    static void requireEnrolment(RealmResource realm, String userId) {
        UserRepresentation user = realm.users().get(userId).toRepresentation();
        user.setRequiredActions(List.of(ACTION));
        realm.users().get(userId).update(user);
    }

    /**
     * A client whose browser sign-in is Keycloak's username and password form alone, as an app team might set up
     * with a flow override; made once per realm.
     */
    static OidcLogin.Client passwordOnlyClient(RealmResource realm) {
        OidcLogin.Client app = new OidcLogin.Client("password-only-app", null, "http://localhost:8085/callback");
        if (!realm.clients().findByClientId(app.clientId()).isEmpty()) {
            return app;
        }
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(PASSWORD_ONLY_FLOW);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        realm.flows().createFlow(flow).close();
        realm.flows().addExecution(PASSWORD_ONLY_FLOW, Map.of("provider", "auth-username-password-form"));
        AuthenticationExecutionInfoRepresentation step = realm.flows().getExecutions(PASSWORD_ONLY_FLOW).get(0);
        step.setRequirement("REQUIRED");
        realm.flows().updateExecutions(PASSWORD_ONLY_FLOW, step);
        String flowId = realm.flows().getFlows().stream().filter(f -> f.getAlias().equals(PASSWORD_ONLY_FLOW))
                .findFirst().orElseThrow().getId();

        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(app.clientId());
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(app.redirectUri()));
        client.setAuthenticationFlowBindingOverrides(Map.of("browser", flowId));
        realm.clients().create(client).close();
        return app;
    }
}
