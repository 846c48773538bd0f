package org.staffcard.authenticator.registration;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The app team policy's decisions on registrations as the registration endpoint hands them over. */
class AppRegistrationPolicyTest {

    private static final AppRegistrationPolicy POLICY = new AppRegistrationPolicy("app teams",
            RedirectUriPrefixes.of(List.of("https://apps.example.lg.jp/payroll/")),
            new RegistrationLevels(Set.of("card", "card-password")));

    @Test
    void acceptsAnOidcAppInsideItsPrefixWithAnAllowedLevel() {
        ClientRepresentation app = oidcApp("https://apps.example.lg.jp/payroll/callback", "card-password");

        assertThatCode(() -> check(app)).doesNotThrowAnyException();
    }

    @Test
    void refusesARedirectUriOutsideThePrefixesNamingTheAddress() {
        ClientRepresentation app = oidcApp("https://elsewhere.example/callback", "card-password");

        assertThatThrownBy(() -> check(app)).isInstanceOf(RedirectUriNotAllowedException.class)
                .hasMessageContaining("redirect URI 'https://elsewhere.example/callback'")
                .hasMessageContaining("https://apps.example.lg.jp/payroll/");
    }

    @Test
    void refusesABackChannelLogoutUrlOutsideThePrefixes() {
        ClientRepresentation app = oidcApp("https://apps.example.lg.jp/payroll/callback", "card-password");
        app.getAttributes().put("backchannel.logout.url", "http://169.254.169.254/latest");

        assertThatThrownBy(() -> check(app)).isInstanceOf(RedirectUriNotAllowedException.class)
                .hasMessageContaining("backchannel.logout.url");
    }

    @Test
    void postLogoutPlusMeansTheRedirectUrisAndIsAccepted() {
        ClientRepresentation app = oidcApp("https://apps.example.lg.jp/payroll/callback", "card");
        app.getAttributes().put("post.logout.redirect.uris", "+");

        assertThatCode(() -> check(app)).doesNotThrowAnyException();
    }

    @Test
    void refusesALevelOutsideTheAllowedSet() {
        ClientRepresentation app = oidcApp("https://apps.example.lg.jp/payroll/callback", "card-password##gold");

        assertThatThrownBy(() -> check(app)).isInstanceOf(LevelNotAllowedException.class)
                .hasMessageContaining("'gold'").hasMessageContaining("[card, card-password]");
    }

    @Test
    void refusesAMinimumLevelOutsideTheAllowedSet() {
        ClientRepresentation app = oidcApp("https://apps.example.lg.jp/payroll/callback", "card");
        app.getAttributes().put("minimum.acr.value", "0");

        assertThatThrownBy(() -> check(app)).isInstanceOf(LevelNotAllowedException.class);
    }

    @Test
    void refusesAnOidcAppThatNamesNoLevel() {
        ClientRepresentation app = oidcApp("https://apps.example.lg.jp/payroll/callback", null);

        assertThatThrownBy(() -> check(app)).isInstanceOf(LevelMissingException.class)
                .hasMessageContaining("default_acr_values");
    }

    @Test
    void aSamlAppNeedsNoLevelButItsEndpointsMustBeInside() {
        ClientRepresentation portal = new ClientRepresentation();
        portal.setProtocol("saml");
        portal.setAttributes(new HashMap<>(Map.of(
                "saml_assertion_consumer_url_post", "https://apps.example.lg.jp/payroll/mellon/postResponse")));
        assertThatCode(() -> check(portal)).doesNotThrowAnyException();

        portal.getAttributes().put("saml_single_logout_service_url_redirect", "https://evil.example/logout");
        assertThatThrownBy(() -> check(portal)).isInstanceOf(RedirectUriNotAllowedException.class);
    }

    private static void check(ClientRepresentation app) {
        POLICY.beforeRegister(new FixedContext(app));
    }

    private static ClientRepresentation oidcApp(String redirectUri, String defaultAcrValues) {
        ClientRepresentation app = new ClientRepresentation();
        app.setClientId("payroll");
        app.setProtocol("openid-connect");
        app.setRedirectUris(List.of(redirectUri));
        app.setAttributes(new HashMap<>());
        if (defaultAcrValues != null) {
            app.getAttributes().put("default.acr.values", defaultAcrValues);
        }
        return app;
    }

    /** The registration as the endpoint passes it; this policy reads nothing else from the context. */
    private record FixedContext(ClientRepresentation client)
            implements org.keycloak.services.clientregistration.ClientRegistrationContext {

        @Override
        public ClientRepresentation getClient() {
            return client;
        }

        @Override
        public org.keycloak.models.KeycloakSession getSession() {
            throw new UnsupportedOperationException("the app team policy needs no session");
        }

        @Override
        public org.keycloak.services.clientregistration.ClientRegistrationProvider getProvider() {
            throw new UnsupportedOperationException("the app team policy needs no provider");
        }
    }
}
