package org.staffcard.authenticator;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.staffcard.protocol.SignatureAlgorithm;

import org.staffcard.authenticator.revocation.NoncePolicy;
import org.staffcard.authenticator.revocation.RevocationPolicy;
import org.staffcard.authenticator.revocation.RevocationSettings;
import org.staffcard.authenticator.validation.AcceptedIssuers;
import org.staffcard.authenticator.validation.CertificatePemReader;
import org.staffcard.authenticator.validation.CertificatePolicyRule;
import org.staffcard.authenticator.validation.IntermediateCertificates;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Collectors;

/** The card authenticator's settings in the admin console, read as typed answers. */
final class CardAuthenticatorConfig {

    static final String TRUST_ANCHORS = "staffcard.trustAnchorsPem";
    static final String AGENT_PORTS = "staffcard.agentPorts";
    static final String ALLOWED_ALGORITHMS = "staffcard.allowedAlgorithms";
    static final String CLOCK_SKEW_SECONDS = "staffcard.clockSkewSeconds";
    static final String LEVEL_OF_AUTHENTICATION = "staffcard.levelOfAuthentication";
    static final String TRUST_ANCHORS_FILE = "staffcard.trustAnchorsFile";
    static final String REVOCATION = "staffcard.revocation";
    static final String REVOCATION_FAIL_OPEN = "staffcard.revocationFailOpen";
    static final String OCSP_RESPONDER_URL = "staffcard.ocspResponderUrl";
    static final String OCSP_RESPONDER_CERTIFICATE = "staffcard.ocspResponderCertificatePem";
    static final String OCSP_NONCE = "staffcard.ocspNonce";
    static final String CRL_LOCATIONS = "staffcard.crlLocations";
    static final String CRL_MAX_AGE_MINUTES = "staffcard.crlMaxAgeMinutes";
    static final String REVOCATION_CONNECT_TIMEOUT_MS = "staffcard.revocationConnectTimeoutMillis";
    static final String REVOCATION_READ_TIMEOUT_MS = "staffcard.revocationReadTimeoutMillis";
    static final String ALLOWED_POLICIES = "staffcard.allowedCertificatePolicies";
    static final String DENIED_POLICIES = "staffcard.deniedCertificatePolicies";
    static final String REQUIRED_EXTENDED_KEY_USAGE = "staffcard.requiredExtendedKeyUsage";
    static final String INTERMEDIATES = "staffcard.intermediateCertificatesPem";
    static final String ACCEPTED_ISSUERS = "staffcard.acceptedCardIssuers";
    static final String CRL_DISTRIBUTION_POINTS = "staffcard.crlDistributionPoints";

    static final String DEFAULT_AGENT_PORTS = "47130,47131,47132";
    static final String DEFAULT_ALGORITHMS = "RS256,PS256,ES256,ES384,ES512";
    static final int DEFAULT_CLOCK_SKEW_SECONDS = 60;
    static final String DEFAULT_REVOCATION = "none";
    static final String DEFAULT_OCSP_NONCE = "required";
    static final int DEFAULT_CRL_MAX_AGE_MINUTES = 60;
    static final int DEFAULT_CONNECT_TIMEOUT_MS = 2000;
    static final int DEFAULT_READ_TIMEOUT_MS = 3000;
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

    /** A file holding the anchors' PEM, for bundles too large for the text field; empty when not set. */
    String trustAnchorsFile() {
        return values.getOrDefault(TRUST_ANCHORS_FILE, "").trim();
    }

    /**
     * The revocation settings, read strictly: a value that cannot be understood is refused rather than replaced by
     * a default, since a default here could quietly turn checking off.
     *
     * @throws IllegalArgumentException naming the setting that cannot be used
     */
    RevocationSettings revocationSettings() {
        Optional<URI> responder = optional(OCSP_RESPONDER_URL).map(text -> {
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'OCSP responder URL' is not an address: " + e.getMessage(), e);
            }
        });
        Optional<X509Certificate> responderCertificate = optional(OCSP_RESPONDER_CERTIFICATE)
                .map(CardAuthenticatorConfig::singleCertificate);
        return new RevocationSettings(
                RevocationPolicy.fromSetting(values.getOrDefault(REVOCATION, DEFAULT_REVOCATION)),
                Boolean.parseBoolean(values.getOrDefault(REVOCATION_FAIL_OPEN, "false").trim()),
                responder, responderCertificate,
                NoncePolicy.fromSetting(values.getOrDefault(OCSP_NONCE, DEFAULT_OCSP_NONCE)),
                Duration.ofMillis(strictInt(REVOCATION_CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(strictInt(REVOCATION_READ_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS)),
                list(CRL_LOCATIONS),
                Duration.ofMinutes(strictInt(CRL_MAX_AGE_MINUTES, DEFAULT_CRL_MAX_AGE_MINUTES)),
                clockSkew(),
                Boolean.parseBoolean(values.getOrDefault(CRL_DISTRIBUTION_POINTS, "false").trim()));
    }

    /** @throws IllegalArgumentException when the PEM text cannot be read or holds a certificate that is no CA */
    IntermediateCertificates intermediates() {
        return optional(INTERMEDIATES).map(IntermediateCertificates::fromPem).orElse(IntermediateCertificates.NONE);
    }

    /**
     * The admin console stores a multivalued setting as its values joined by "##"; a distinguished name never holds
     * two '#' in a row (a hex value starts with one), so splitting there is safe. Line breaks separate too, for
     * values pasted from a list.
     *
     * @throws IllegalArgumentException naming an entry that is not a distinguished name
     */
    AcceptedIssuers acceptedIssuers() {
        String text = values.getOrDefault(ACCEPTED_ISSUERS, "");
        return AcceptedIssuers.fromNames(Arrays.asList(text.split("##|\\R")));
    }

    /** @throws IllegalArgumentException when an entry is not an object identifier */
    CertificatePolicyRule certificatePolicies() {
        return new CertificatePolicyRule(Set.copyOf(list(ALLOWED_POLICIES)), Set.copyOf(list(DENIED_POLICIES)));
    }

    Optional<String> requiredExtendedKeyUsage() {
        return optional(REQUIRED_EXTENDED_KEY_USAGE);
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

    /** The setting as stored, trimmed; empty when not set. For the start-up review, which judges each value. */
    String raw(String key) {
        return values.getOrDefault(key, "").trim();
    }

    /** A key for caching what is built from these settings: every setting, in a fixed order. */
    String fingerprint() {
        return new TreeMap<>(values).toString();
    }

    private Optional<String> optional(String key) {
        String value = values.getOrDefault(key, "").trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private List<String> list(String key) {
        return Arrays.stream(values.getOrDefault(key, "").split("[,#\\s]+"))
                .filter(entry -> !entry.isEmpty())
                .toList();
    }

    private int strictInt(String key, int fallback) {
        String text = values.getOrDefault(key, "").trim();
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " is not a whole number: '" + text + "'", e);
        }
    }

    private static X509Certificate singleCertificate(String pem) {
        List<X509Certificate> certificates = CertificatePemReader.read(pem);
        if (certificates.size() != 1) {
            throw new IllegalArgumentException("'OCSP responder certificate' must hold exactly one certificate, "
                    + "holds " + certificates.size());
        }
        return certificates.get(0);
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
                .property().name(TRUST_ANCHORS_FILE).type(ProviderConfigProperty.STRING_TYPE)
                .label("Trust anchors file")
                .helpText("Absolute path, on every server node, of a PEM file of CA certificates, for bundles too "
                        + "large to paste. Used together with the pasted anchors.")
                .add()
                .property().name(REVOCATION).type(ProviderConfigProperty.LIST_TYPE)
                .label("Revocation check").defaultValue(DEFAULT_REVOCATION)
                .options("none", "ocsp", "crl", "ocsp-then-crl")
                .helpText("How the server learns that a card was revoked. 'none' is for trials only: a lost card "
                        + "keeps working until its certificate expires.")
                .add()
                .property().name(REVOCATION_FAIL_OPEN).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .label("Let cards in when revocation cannot be checked").defaultValue("false")
                .helpText("Off: a card is refused while the responder or CRL is unavailable. On: it is let in, "
                        + "and every such sign-in writes a warning to the server log.")
                .add()
                .property().name(OCSP_RESPONDER_URL).type(ProviderConfigProperty.STRING_TYPE)
                .label("OCSP responder URL")
                .helpText("http:// address of the OCSP responder to ask. Empty: the address in each certificate.")
                .add()
                .property().name(OCSP_RESPONDER_CERTIFICATE).type(ProviderConfigProperty.TEXT_TYPE)
                .label("OCSP responder certificate (PEM)")
                .helpText("The designated responder's signing certificate, when it is not issued by the card CA.")
                .add()
                .property().name(OCSP_NONCE).type(ProviderConfigProperty.LIST_TYPE)
                .label("OCSP nonce").defaultValue(DEFAULT_OCSP_NONCE).options("required", "optional")
                .helpText("'optional' accepts answers without the request's nonce (pre-signed answers) when their "
                        + "dates are current.")
                .add()
                .property().name(CRL_LOCATIONS).type(ProviderConfigProperty.STRING_TYPE)
                .label("CRL locations")
                .helpText("Absolute file paths or http:// addresses of complete CRLs, separated by commas.")
                .add()
                .property().name(CRL_MAX_AGE_MINUTES).type(ProviderConfigProperty.STRING_TYPE)
                .label("CRL maximum age (minutes)").defaultValue(Integer.toString(DEFAULT_CRL_MAX_AGE_MINUTES))
                .helpText("A CRL is read again after this long, or at its nextUpdate if that comes first.")
                .add()
                .property().name(REVOCATION_CONNECT_TIMEOUT_MS).type(ProviderConfigProperty.STRING_TYPE)
                .label("Revocation connect timeout (ms)").defaultValue(Integer.toString(DEFAULT_CONNECT_TIMEOUT_MS))
                .helpText("How long to wait for a connection to the OCSP responder or CRL server.")
                .add()
                .property().name(REVOCATION_READ_TIMEOUT_MS).type(ProviderConfigProperty.STRING_TYPE)
                .label("Revocation read timeout (ms)").defaultValue(Integer.toString(DEFAULT_READ_TIMEOUT_MS))
                .helpText("How long to wait for the answer once connected.")
                .add()
                .property().name(ALLOWED_POLICIES).type(ProviderConfigProperty.STRING_TYPE)
                .label("Allowed certificate policies")
                .helpText("Comma-separated OIDs; when set, a card certificate must carry one of them.")
                .add()
                .property().name(DENIED_POLICIES).type(ProviderConfigProperty.STRING_TYPE)
                .label("Denied certificate policies")
                .helpText("Comma-separated OIDs a card certificate must not carry.")
                .add()
                .property().name(REQUIRED_EXTENDED_KEY_USAGE).type(ProviderConfigProperty.STRING_TYPE)
                .label("Required extended key usage")
                .helpText("An OID the card certificate's extended key usage must state. Leave empty for JPKI cards, "
                        + "whose certificates state none.")
                .add()
                .property().name(INTERMEDIATES).type(ProviderConfigProperty.TEXT_TYPE)
                .label("Intermediate CA certificates (PEM)")
                .helpText("CA certificates between the trust anchors and the card certificates, for cards that do "
                        + "not send them. They are not trusted by themselves: the path must still end at a trust "
                        + "anchor.")
                .add()
                .property().name(ACCEPTED_ISSUERS).type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .label("Accepted card issuers")
                .helpText("Distinguished names of the CAs whose card certificates may sign in, such as "
                        + "'CN=Staff Card CA, O=Example, C=JP'. Empty: every CA with a path to a trust anchor. "
                        + "Names are compared by their parsed values, so any RFC 4514 spelling of the same name "
                        + "matches.")
                .add()
                .property().name(CRL_DISTRIBUTION_POINTS).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .label("Read CRLs from the certificate's distribution points").defaultValue("false")
                .helpText("With the 'crl' or 'ocsp-then-crl' check, also read the CRL from the http:// addresses in "
                        + "each card certificate when no configured CRL location holds its CA's CRL. Other schemes "
                        + "(ldap, https) are not read.")
                .add()
                .property().name(LEVEL_OF_AUTHENTICATION).type(ProviderConfigProperty.STRING_TYPE)
                .label("Level of authentication").defaultValue(Integer.toString(DEFAULT_LEVEL))
                .helpText("The level recorded on success; the realm's ACR to LoA mapping turns it into the acr claim.")
                .add()
                .build();
    }
}
