package org.staffcard.authenticator;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.staffcard.protocol.SignatureAlgorithm;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The card authenticator's settings in the admin console, read as typed answers. */
final class CardAuthenticatorConfig {

    static final String TRUST_ANCHORS = "staffcard.trustAnchorsPem";
    static final String AGENT_PORTS = "staffcard.agentPorts";
    static final String ALLOWED_ALGORITHMS = "staffcard.allowedAlgorithms";
    static final String CLOCK_SKEW_SECONDS = "staffcard.clockSkewSeconds";
    static final String LEVEL_OF_AUTHENTICATION = "staffcard.levelOfAuthentication";

    static final String DEFAULT_AGENT_PORTS = "47130,47131,47132";
    static final String DEFAULT_ALGORITHMS = "RS256,PS256,ES256,ES384,ES512";
    static final int DEFAULT_CLOCK_SKEW_SECONDS = 60;
    /** Card + password; a card-only level sits below it. */
    static final int DEFAULT_LEVEL = 2;

    private final String alias;
    private final Map<String, String> values;

    private CardAuthenticatorConfig(String alias, Map<String, String> values) {
        this.alias = alias;
        this.values = values;
    }

    static CardAuthenticatorConfig of(AuthenticatorConfigModel model) {
        if (model == null || model.getConfig() == null) {
            return new CardAuthenticatorConfig("(none)", Map.of());
        }
        return new CardAuthenticatorConfig(model.getAlias(), Map.copyOf(model.getConfig()));
    }

    /** The config alias, so a log line points at the setting an admin must change. */
    String alias() {
        return alias;
    }

    String trustAnchorsPem() {
        return values.getOrDefault(TRUST_ANCHORS, "").trim();
    }

    String agentPorts() {
        String ports = values.getOrDefault(AGENT_PORTS, DEFAULT_AGENT_PORTS).trim();
        return ports.matches("\\d{1,5}(\\s*,\\s*\\d{1,5}){0,7}") ? ports.replaceAll("\\s", "") : DEFAULT_AGENT_PORTS;
    }

    /** Unknown names are dropped: an admin's typo may narrow the allow-list, never widen it. */
    Set<SignatureAlgorithm> allowedAlgorithms() {
        String listed = values.getOrDefault(ALLOWED_ALGORITHMS, DEFAULT_ALGORITHMS);
        Set<SignatureAlgorithm> allowed = Arrays.stream(listed.split("[,#\\s]+"))
                .map(SignatureAlgorithm::byName)
                .flatMap(java.util.Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SignatureAlgorithm.class)));
        return allowed;
    }

    Duration clockSkew() {
        return Duration.ofSeconds(positiveInt(CLOCK_SKEW_SECONDS, DEFAULT_CLOCK_SKEW_SECONDS));
    }

    int levelOfAuthentication() {
        return positiveInt(LEVEL_OF_AUTHENTICATION, DEFAULT_LEVEL);
    }

    /** A key for caching what is built from these settings. */
    String fingerprint() {
        return String.join("\n", trustAnchorsPem(), allowedAlgorithms().toString(), clockSkew().toString());
    }

    private int positiveInt(String key, int fallback) {
        try {
            int value = Integer.parseInt(values.getOrDefault(key, Integer.toString(fallback)).trim());
            return value >= 0 ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(TRUST_ANCHORS).type(ProviderConfigProperty.TEXT_TYPE)
                .label("Trust anchors (PEM)")
                .helpText("The CA certificates that issue staff card certificates, as PEM blocks. "
                        + "A card whose certificate does not chain to one of these is refused.")
                .add()
                .property().name(ALLOWED_ALGORITHMS).type(ProviderConfigProperty.STRING_TYPE)
                .label("Allowed signature algorithms").defaultValue(DEFAULT_ALGORITHMS)
                .helpText("Comma-separated JOSE names. The My Number Card signs with RS256.")
                .add()
                .property().name(CLOCK_SKEW_SECONDS).type(ProviderConfigProperty.STRING_TYPE)
                .label("Clock skew (seconds)").defaultValue(Integer.toString(DEFAULT_CLOCK_SKEW_SECONDS))
                .helpText("Tolerance when checking certificate validity dates.")
                .add()
                .property().name(AGENT_PORTS).type(ProviderConfigProperty.STRING_TYPE)
                .label("Card agent ports").defaultValue(DEFAULT_AGENT_PORTS)
                .helpText("Loopback ports the login page probes for the card agent, in order.")
                .add()
                .property().name(LEVEL_OF_AUTHENTICATION).type(ProviderConfigProperty.STRING_TYPE)
                .label("Level of authentication").defaultValue(Integer.toString(DEFAULT_LEVEL))
                .helpText("The level recorded on success; the realm's ACR to LoA mapping turns it into the acr claim.")
                .add()
                .build();
    }
}
