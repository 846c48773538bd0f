package org.staffcard.authenticator;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.staffcard.authenticator.revocation.NoncePolicy;
import org.staffcard.authenticator.revocation.RevocationPolicy;
import org.staffcard.authenticator.validation.CardAssertionValidator;
import org.staffcard.authenticator.validation.CertificatePolicyRule;
import org.staffcard.authenticator.validation.TrustAnchors;
import org.staffcard.protocol.SignatureAlgorithm;

/**
 * Judges every setting of one card authenticator config, the way sign-in will read it, and says for each bad one
 * what is wrong and what to change. It runs when an admin saves the settings (an ERROR refuses the save) and when
 * the server starts, for settings that arrived another way; a setting that sign-in cannot use makes every card fail,
 * and a setting that sign-in replaces by its default, or a weak choice, is worth a warning.
 */
final class CardSettingsReview {

    enum Level { ERROR, WARN }

    /**
     * @param level   ERROR when card sign-in is refused until the setting is fixed, WARN when it works but not as
     *                the admin probably meant
     * @param key     the setting's key in the authenticator config
     * @param problem what is wrong
     * @param fix     what to change
     */
    record Finding(Level level, String key, String problem, String fix) {
    }

    private CardSettingsReview() {
    }

    static List<Finding> review(CardAuthenticatorConfig config) {
        List<Finding> findings = new ArrayList<>();
        reviewTrust(config, findings);
        reviewAlgorithmsAndDates(config, findings);
        reviewNarrowing(config, findings);
        reviewRevocation(config, findings);
        reviewPage(config, findings);
        return findings;
    }

    private static void reviewTrust(CardAuthenticatorConfig config, List<Finding> findings) {
        if (config.trustAnchorsPem().isEmpty() && config.trustAnchorsFile().isEmpty()) {
            findings.add(error(CardAuthenticatorConfig.TRUST_ANCHORS, "is empty, and so is the trust anchors file: "
                    + "every card is refused", "paste the PEM of the CAs that issue the staff cards"));
        }
        if (!config.trustAnchorsFile().isEmpty()) {
            try {
                TrustAnchors.fromFile(Path.of(config.trustAnchorsFile()));
            } catch (IllegalArgumentException e) {
                findings.add(error(CardAuthenticatorConfig.TRUST_ANCHORS_FILE, e.getMessage(),
                        "give the absolute path of a readable PEM file of CA certificates, present on every node"));
            }
        }
        if (!config.trustAnchorsPem().isEmpty()) {
            try {
                TrustAnchors.fromPem(config.trustAnchorsPem());
            } catch (IllegalArgumentException e) {
                findings.add(error(CardAuthenticatorConfig.TRUST_ANCHORS, e.getMessage(),
                        "paste only -----BEGIN CERTIFICATE----- blocks of CA certificates"));
            }
        }
        try {
            config.intermediates();
        } catch (IllegalArgumentException e) {
            findings.add(error(CardAuthenticatorConfig.INTERMEDIATES, e.getMessage(),
                    "paste only CERTIFICATE blocks of the CA certificates between the anchors and the cards"));
        }
    }

    private static void reviewAlgorithmsAndDates(CardAuthenticatorConfig config, List<Finding> findings) {
        String algorithms = config.raw(CardAuthenticatorConfig.ALLOWED_ALGORITHMS);
        List<String> unknown = Arrays.stream(algorithms.split("[,#\\s]+"))
                .filter(name -> !name.isEmpty() && SignatureAlgorithm.byName(name).isEmpty()).toList();
        String names = CardAuthenticatorConfig.DEFAULT_ALGORITHMS;
        if (config.allowedAlgorithms().isEmpty()) {
            findings.add(error(CardAuthenticatorConfig.ALLOWED_ALGORITHMS, "allows no known algorithm ('"
                    + algorithms + "'): every card is refused", "list some of " + names));
        } else if (!unknown.isEmpty()) {
            findings.add(warn(CardAuthenticatorConfig.ALLOWED_ALGORITHMS, "names " + unknown
                    + ", which are not card algorithms and are ignored", "list only names among " + names));
        }

        String skew = config.raw(CardAuthenticatorConfig.CLOCK_SKEW_SECONDS);
        if (!skew.isEmpty()) {
            Integer seconds = wholeNumber(skew);
            if (seconds == null || seconds < 0) {
                findings.add(warn(CardAuthenticatorConfig.CLOCK_SKEW_SECONDS, "'" + skew + "' is not a whole number "
                        + "of seconds, so the default " + CardAuthenticatorConfig.DEFAULT_CLOCK_SKEW_SECONDS
                        + " is used", "write a number of seconds such as 60"));
            } else if (seconds > CardAssertionValidator.MAX_CLOCK_SKEW.toSeconds()) {
                findings.add(error(CardAuthenticatorConfig.CLOCK_SKEW_SECONDS, "is " + seconds + " seconds, more "
                        + "than the " + CardAssertionValidator.MAX_CLOCK_SKEW.toSeconds() + " allowed: every card is "
                        + "refused", "keep the skew at or below one hour; fix the server clock instead"));
            }
        }
    }

    private static void reviewNarrowing(CardAuthenticatorConfig config, List<Finding> findings) {
        policyList(config, CardAuthenticatorConfig.ALLOWED_POLICIES, findings);
        policyList(config, CardAuthenticatorConfig.DENIED_POLICIES, findings);
        try {
            config.certificatePolicies();
        } catch (IllegalArgumentException e) {
            if (findings.stream().noneMatch(f -> f.key().endsWith("CertificatePolicies"))) {
                findings.add(error(CardAuthenticatorConfig.DENIED_POLICIES, e.getMessage(),
                        "put each OID on one list only"));
            }
        }

        config.requiredExtendedKeyUsage().filter(oid -> !CertificatePolicyRule.isOid(oid)).ifPresent(oid ->
                findings.add(error(CardAuthenticatorConfig.REQUIRED_EXTENDED_KEY_USAGE, "'" + oid + "' is not an "
                        + "object identifier: every card is refused", "write a dotted OID or leave it empty")));

        try {
            config.acceptedIssuers();
        } catch (IllegalArgumentException e) {
            findings.add(error(CardAuthenticatorConfig.ACCEPTED_ISSUERS, e.getMessage(),
                    "write each issuer as a distinguished name, such as 'CN=Staff Card CA, O=Example, C=JP'"));
        }
    }

    private static void policyList(CardAuthenticatorConfig config, String key, List<Finding> findings) {
        List<String> bad = Arrays.stream(config.raw(key).split("[,#\\s]+"))
                .filter(oid -> !oid.isEmpty() && !CertificatePolicyRule.isOid(oid)).toList();
        if (!bad.isEmpty()) {
            findings.add(error(key, "holds " + bad + ", which are not object identifiers: every card is refused",
                    "write dotted OIDs such as 1.2.392.200149.8.5.5.1, separated by commas"));
        }
    }

    private static void reviewRevocation(CardAuthenticatorConfig config, List<Finding> findings) {
        RevocationPolicy policy;
        try {
            policy = RevocationPolicy.fromSetting(config.raw(CardAuthenticatorConfig.REVOCATION).isEmpty()
                    ? CardAuthenticatorConfig.DEFAULT_REVOCATION : config.raw(CardAuthenticatorConfig.REVOCATION));
        } catch (IllegalArgumentException e) {
            findings.add(error(CardAuthenticatorConfig.REVOCATION, e.getMessage() + ": every card is refused",
                    "choose none, ocsp, crl or ocsp-then-crl"));
            return;
        }

        int before = findings.size();
        String nonce = config.raw(CardAuthenticatorConfig.OCSP_NONCE);
        if (!nonce.isEmpty()) {
            try {
                NoncePolicy.fromSetting(nonce);
            } catch (IllegalArgumentException e) {
                findings.add(error(CardAuthenticatorConfig.OCSP_NONCE, e.getMessage(), "choose required or optional"));
            }
        }
        String responder = config.raw(CardAuthenticatorConfig.OCSP_RESPONDER_URL);
        if (!responder.isEmpty() && !isHttpAddress(responder)) {
            findings.add(error(CardAuthenticatorConfig.OCSP_RESPONDER_URL, "'" + responder + "' is not an http:// "
                    + "address", "write the responder's http:// address, or leave it empty to use each card's"));
        }
        for (String key : List.of(CardAuthenticatorConfig.REVOCATION_CONNECT_TIMEOUT_MS,
                CardAuthenticatorConfig.REVOCATION_READ_TIMEOUT_MS, CardAuthenticatorConfig.CRL_MAX_AGE_MINUTES)) {
            String value = config.raw(key);
            if (!value.isEmpty() && wholeNumber(value) == null) {
                findings.add(error(key, "'" + value + "' is not a whole number", "write a whole number"));
            }
        }
        // The revocation settings carry the clock skew too; a bad skew is already reported under its own key.
        boolean skewReported = findings.stream()
                .anyMatch(f -> f.key().equals(CardAuthenticatorConfig.CLOCK_SKEW_SECONDS));
        if (findings.size() == before && !skewReported) {
            try {
                config.revocationSettings();
            } catch (IllegalArgumentException e) {
                findings.add(error(CardAuthenticatorConfig.REVOCATION, e.getMessage() + ": every card is refused",
                        "correct the revocation setting the message names"));
            }
        }

        if (policy == RevocationPolicy.NONE) {
            findings.add(warn(CardAuthenticatorConfig.REVOCATION, "is 'none': revocation is not checked, and a lost "
                    + "or withdrawn card keeps working until its certificate expires",
                    "choose ocsp, crl or ocsp-then-crl"));
        } else if (Boolean.parseBoolean(config.raw(CardAuthenticatorConfig.REVOCATION_FAIL_OPEN))) {
            findings.add(warn(CardAuthenticatorConfig.REVOCATION_FAIL_OPEN, "is on: cards are let in when their "
                    + "revocation status cannot be learned", "turn it off once the responder or CRL feed is reliable"));
        }
    }

    private static void reviewPage(CardAuthenticatorConfig config, List<Finding> findings) {
        String ports = config.raw(CardAuthenticatorConfig.AGENT_PORTS);
        if (!ports.isEmpty() && config.agentPorts().equals(CardAuthenticatorConfig.DEFAULT_AGENT_PORTS)
                && !ports.replaceAll("\\s", "").equals(CardAuthenticatorConfig.DEFAULT_AGENT_PORTS)) {
            findings.add(warn(CardAuthenticatorConfig.AGENT_PORTS, "'" + ports + "' is not a list of up to eight "
                    + "port numbers, so the page probes the defaults " + CardAuthenticatorConfig.DEFAULT_AGENT_PORTS,
                    "write port numbers separated by commas"));
        }
        String level = config.raw(CardAuthenticatorConfig.LEVEL_OF_AUTHENTICATION);
        if (!level.isEmpty() && (wholeNumber(level) == null || wholeNumber(level) < 0)) {
            findings.add(warn(CardAuthenticatorConfig.LEVEL_OF_AUTHENTICATION, "'" + level + "' is not a whole "
                    + "number, so level " + CardAuthenticatorConfig.DEFAULT_LEVEL + " is recorded",
                    "write the level the realm's ACR mapping gives card + password"));
        }
    }

    private static boolean isHttpAddress(String text) {
        try {
            URI uri = new URI(text);
            return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Integer wholeNumber(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Finding error(String key, String problem, String fix) {
        return new Finding(Level.ERROR, key, problem, fix);
    }

    private static Finding warn(String key, String problem, String fix) {
        return new Finding(Level.WARN, key, problem, fix);
    }
}
