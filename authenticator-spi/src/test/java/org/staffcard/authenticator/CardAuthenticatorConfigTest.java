package org.staffcard.authenticator;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;
import org.staffcard.protocol.SignatureAlgorithm;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin's typo in the settings may narrow what is accepted, never widen it. */
class CardAuthenticatorConfigTest {

    @Test
    void unknownAlgorithmNamesAreDropped() {
        CardAuthenticatorConfig config =
                config(Map.of(CardAuthenticatorConfig.ALLOWED_ALGORITHMS, "RS256, none, HS256"));

        assertThat(config.allowedAlgorithms()).containsExactly(SignatureAlgorithm.RS256);
    }

    @Test
    void algorithmListOfOnlyUnknownNamesAllowsNothing() {
        CardAuthenticatorConfig config = config(Map.of(CardAuthenticatorConfig.ALLOWED_ALGORITHMS, "none"));

        assertThat(config.allowedAlgorithms()).isEmpty();
    }

    @Test
    void defaultsAllowTheFiveCardAlgorithms() {
        assertThat(config(Map.of()).allowedAlgorithms()).containsExactlyInAnyOrder(SignatureAlgorithm.values());
    }

    @Test
    void malformedAgentPortsFallBackToTheDefaults() {
        CardAuthenticatorConfig config = config(Map.of(CardAuthenticatorConfig.AGENT_PORTS, "47130;<script>"));

        assertThat(config.agentPorts()).isEqualTo(CardAuthenticatorConfig.DEFAULT_AGENT_PORTS);
    }

    @Test
    void missingSettingsGiveNoTrustAnchors() {
        assertThat(CardAuthenticatorConfig.of(null).trustAnchorsPem()).isEmpty();
    }

    @Test
    void negativeClockSkewFallsBackToTheDefault() {
        CardAuthenticatorConfig config = config(Map.of(CardAuthenticatorConfig.CLOCK_SKEW_SECONDS, "-5"));

        assertThat(config.clockSkew().toSeconds()).isEqualTo(CardAuthenticatorConfig.DEFAULT_CLOCK_SKEW_SECONDS);
    }

    @Test
    void acceptedIssuersAreReadFromTheAdminConsolesMultivaluedForm() {
        CardAuthenticatorConfig config = config(Map.of(CardAuthenticatorConfig.ACCEPTED_ISSUERS,
                "CN=Staff Card CA, O=Example##CN=山田太郎, O=テスト株式会社"));

        assertThat(config.acceptedIssuers().isAny()).isFalse();
        assertThat(config(Map.of()).acceptedIssuers().isAny()).isTrue();
    }

    @Test
    void newTrustSettingsAreListedWithHelpTextInTheAdminConsole() {
        assertThat(CardAuthenticatorConfig.properties())
                .filteredOn(property -> List.of(CardAuthenticatorConfig.INTERMEDIATES,
                        CardAuthenticatorConfig.ACCEPTED_ISSUERS, CardAuthenticatorConfig.CRL_DISTRIBUTION_POINTS)
                        .contains(property.getName()))
                .hasSize(3)
                .allSatisfy(property -> assertThat(property.getHelpText()).isNotBlank());
    }

    private static CardAuthenticatorConfig config(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setAlias("staff card");
        model.setConfig(values);
        return CardAuthenticatorConfig.of(model);
    }
}
