package org.staffcard.agent;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentConfigTest {

    @Test
    void defaultsFollowTheProtocol() {
        AgentConfig config = AgentConfig.defaults();

        assertThat(config.allowedOrigins()).containsExactly("http://localhost:8080");
        assertThat(config.ports()).containsExactly(47130, 47131, 47132);
        assertThat(config.freeArea()).contains(FreeAreaFile.DEMO);
        assertThat(config.signPerMinute()).isEqualTo(20);
        assertThat(config.pinSource()).isEqualTo(PinSourceKind.DIALOG);
    }

    @Test
    void refusesAnOriginWithATrailingSlash() {
        assertThatThrownBy(() -> AgentConfig.of(Map.of(AgentConfig.ALLOWED_ORIGINS, "https://sso.example/")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("has a path");
    }

    @Test
    void refusesAnOriginWithAPath() {
        assertThatThrownBy(() -> AgentConfig.of(Map.of(AgentConfig.ALLOWED_ORIGINS, "https://sso.example/login")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("https://sso.example/login");
    }

    @Test
    void refusesNullAsAnAllowedOrigin() {
        assertThatThrownBy(() -> AgentConfig.of(Map.of(AgentConfig.ALLOWED_ORIGINS, "null")))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void refusesAnOriginWithTheDefaultPortWrittenOut() {
        assertThatThrownBy(() -> AgentConfig.of(Map.of(AgentConfig.ALLOWED_ORIGINS, "https://sso.example:443")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("default port");
    }

    @Test
    void refusesANonNumericPort() {
        assertThatThrownBy(() -> AgentConfig.of(Map.of(AgentConfig.PORTS, "47130,http")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'http' is not a port number");
    }

    @Test
    void refusesAnUnknownSetting() {
        assertThatThrownBy(() -> AgentConfig.of(Map.of("allowed.origin", "https://sso.example")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("unknown setting");
    }

    @Test
    void refusesADemoPinWithoutTheDemoPinSource() {
        assertThatThrownBy(() -> AgentConfig.of(Map.of(AgentConfig.PIN_DEMO, "1234")))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void anEmptyFreeAreaAidMeansTheCertificateFingerprint() throws Exception {
        assertThat(AgentConfig.of(Map.of(AgentConfig.FREEAREA_AID, "")).freeArea()).isEmpty();
    }

    @Test
    void neverPrintsTheDemoPin() throws Exception {
        AgentConfig config = AgentConfig.of(Map.of(AgentConfig.PIN_SOURCE, "demo", AgentConfig.PIN_DEMO, "4711"));

        assertThat(config.toString()).doesNotContain("4711");
    }

    @Test
    void thePinWindowWaitsSixtySecondsByDefault() {
        assertThat(AgentConfig.defaults().pinTimeoutSeconds()).isEqualTo(60);
    }

    @Test
    void refusesAPinTimeoutOfZero() {
        assertThatThrownBy(() -> AgentConfig.of(Map.of(AgentConfig.PIN_TIMEOUT_SECONDS, "0")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining(AgentConfig.PIN_TIMEOUT_SECONDS);
    }

    @Test
    void takesTheLogDirectoryWhenGiven() throws Exception {
        assertThat(AgentConfig.defaults().logDirectory()).isEmpty();
        assertThat(AgentConfig.of(Map.of(AgentConfig.LOG_DIR, "/var/log/staffcard")).logDirectory())
                .contains(java.nio.file.Path.of("/var/log/staffcard"));
    }
}
