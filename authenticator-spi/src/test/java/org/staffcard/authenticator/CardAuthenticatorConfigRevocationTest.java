package org.staffcard.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;
import org.staffcard.authenticator.revocation.NoncePolicy;
import org.staffcard.authenticator.revocation.RevocationPolicy;
import org.staffcard.authenticator.revocation.RevocationSettings;

/**
 * Revocation settings are read strictly: a value the server cannot understand is refused with the setting's name,
 * never replaced by a default that could quietly weaken or switch off the check.
 */
class CardAuthenticatorConfigRevocationTest {

    private static final String CRL_FILE = "/etc/staffcard/ca.crl";

    @Test
    void readsAWellFormedCrlSetting() {
        RevocationSettings settings = config(crlSettings()).revocationSettings();

        assertThat(settings.policy()).isEqualTo(RevocationPolicy.CRL);
        assertThat(settings.crlLocations()).containsExactly(CRL_FILE);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.crlMaxAge()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.nonce()).isEqualTo(NoncePolicy.OPTIONAL);
        assertThat(settings.ocspResponder()).isEqualTo(Optional.empty());
    }

    @Test
    void refusesAMisspelledRevocationPolicy() {
        CardAuthenticatorConfig config = config(with(CardAuthenticatorConfig.REVOCATION, "oscp"));

        assertThatIllegalArgumentException().isThrownBy(config::revocationSettings)
                .withMessageContaining("'oscp'");
    }

    @Test
    void refusesAConnectTimeoutThatIsNotAWholeNumber() {
        CardAuthenticatorConfig config = config(with(CardAuthenticatorConfig.REVOCATION_CONNECT_TIMEOUT_MS, "2s"));

        assertThatIllegalArgumentException().isThrownBy(config::revocationSettings)
                .withMessageContaining(CardAuthenticatorConfig.REVOCATION_CONNECT_TIMEOUT_MS)
                .withMessageContaining("'2s'");
    }

    @Test
    void refusesAReadTimeoutThatIsNotAWholeNumber() {
        CardAuthenticatorConfig config = config(with(CardAuthenticatorConfig.REVOCATION_READ_TIMEOUT_MS, "fast"));

        assertThatIllegalArgumentException().isThrownBy(config::revocationSettings)
                .withMessageContaining(CardAuthenticatorConfig.REVOCATION_READ_TIMEOUT_MS);
    }

    @Test
    void refusesACrlMaximumAgeThatIsNotAWholeNumber() {
        CardAuthenticatorConfig config = config(with(CardAuthenticatorConfig.CRL_MAX_AGE_MINUTES, "one hour"));

        assertThatIllegalArgumentException().isThrownBy(config::revocationSettings)
                .withMessageContaining(CardAuthenticatorConfig.CRL_MAX_AGE_MINUTES);
    }

    @Test
    void refusesAnOcspResponderUrlThatIsNotAnAddress() {
        Map<String, String> values = with(CardAuthenticatorConfig.REVOCATION, "ocsp");
        values.put(CardAuthenticatorConfig.OCSP_RESPONDER_URL, "http://ocsp example/");

        assertThatIllegalArgumentException().isThrownBy(config(values)::revocationSettings)
                .withMessageContaining("'OCSP responder URL' is not an address");
    }

    @Test
    void refusesAnOcspResponderCertificateThatIsNotACertificate() {
        Map<String, String> values = with(CardAuthenticatorConfig.REVOCATION, "ocsp");
        values.put(CardAuthenticatorConfig.OCSP_RESPONDER_URL, "http://ocsp.example.lg.jp/");
        values.put(CardAuthenticatorConfig.OCSP_RESPONDER_CERTIFICATE,
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");

        assertThatIllegalArgumentException().isThrownBy(config(values)::revocationSettings)
                .withMessageContaining("cannot be read as certificates");
    }

    @Test
    void refusesAnUnknownNonceSetting() {
        CardAuthenticatorConfig config = config(with(CardAuthenticatorConfig.OCSP_NONCE, "sometimes"));

        assertThatIllegalArgumentException().isThrownBy(config::revocationSettings)
                .withMessageContaining("'sometimes'");
    }

    @Test
    void refusesARelativeCrlLocation() {
        CardAuthenticatorConfig config = config(with(CardAuthenticatorConfig.CRL_LOCATIONS, "crl/ca.crl"));

        assertThatIllegalArgumentException().isThrownBy(config::revocationSettings)
                .withMessageContaining("'crl/ca.crl'");
    }

    @Test
    void refusesTheCrlPolicyWithoutAnyCrlLocation() {
        CardAuthenticatorConfig config = config(with(CardAuthenticatorConfig.CRL_LOCATIONS, " "));

        assertThatIllegalArgumentException().isThrownBy(config::revocationSettings)
                .withMessageContaining("needs at least one CRL location");
    }

    /** A CRL setting that {@link #readsAWellFormedCrlSetting} shows to be usable, with one value replaced. */
    private static Map<String, String> with(String key, String value) {
        Map<String, String> values = crlSettings();
        values.put(key, value);
        return values;
    }

    private static Map<String, String> crlSettings() {
        Map<String, String> values = new HashMap<>();
        values.put(CardAuthenticatorConfig.REVOCATION, "crl");
        values.put(CardAuthenticatorConfig.CRL_LOCATIONS, CRL_FILE);
        values.put(CardAuthenticatorConfig.REVOCATION_CONNECT_TIMEOUT_MS, "1500");
        values.put(CardAuthenticatorConfig.REVOCATION_READ_TIMEOUT_MS, "2500");
        values.put(CardAuthenticatorConfig.CRL_MAX_AGE_MINUTES, "30");
        values.put(CardAuthenticatorConfig.OCSP_NONCE, "optional");
        return values;
    }

    private static CardAuthenticatorConfig config(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setAlias("staff card");
        model.setConfig(values);
        return CardAuthenticatorConfig.of(model);
    }
}
