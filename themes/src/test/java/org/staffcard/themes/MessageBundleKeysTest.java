package org.staffcard.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class MessageBundleKeysTest {

    /** The keys the server sets on the page after a failed post (docs/protocol.md, "From the server"). */
    private static final List<String> SERVER_MESSAGE_KEYS = List.of(
            "cardAssertionMalformed", "cardAlgorithmNotAllowed", "cardCertificateWrongPurpose",
            "cardCertificateExpired", "cardCertificateUntrusted", "cardSignatureInvalid", "cardChallengeExpired",
            "cardUnknown", "cardNotEnrolled", "invalidCardOrPassword", "cardLoginUnavailable",
            "accountTemporarilyDisabledMessage", "accountPermanentlyDisabledMessage", "cardCertificateRevoked",
            "cardRevocationUnavailable", "cardOfOtherAccount", "cardIssuerNotAccepted", "cardBindingRevoked");

    @Test
    void japaneseAndEnglishHaveTheSameKeys() {
        assertThat(LoginThemeSources.bundle("ja").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(LoginThemeSources.bundle("en").stringPropertyNames());
    }

    @Test
    void everyServerErrorHasAMessageInBothLanguages() {
        for (String language : List.of("ja", "en")) {
            assertThat(LoginThemeSources.bundle(language).stringPropertyNames())
                    .as("messages_%s", language)
                    .containsAll(SERVER_MESSAGE_KEYS);
        }
    }

    @Test
    void unknownCardMessageAsksTheAdministratorToEnrolIt() {
        assertThat(LoginThemeSources.bundle("en").getProperty("cardUnknown"))
                .contains("not registered")
                .contains("administrator");
        assertThat(LoginThemeSources.bundle("ja").getProperty("cardUnknown")).contains("登録されていません");
    }

    @Test
    void pageKeysSharePrefix() {
        for (String key : LoginThemeSources.bundle("en").stringPropertyNames()) {
            assertThat(key.startsWith("staffCard") || SERVER_MESSAGE_KEYS.contains(key))
                    .as("key %s either starts with staffCard or is a server key from docs/protocol.md", key)
                    .isTrue();
        }
    }

    /**
     * Keycloak formats every message with MessageFormat, where a lone apostrophe starts a quoted section and
     * silently swallows the text after it.
     */
    @Test
    void everyApostropheIsDoubledForMessageFormat() {
        for (String language : List.of("ja", "en")) {
            Properties bundle = LoginThemeSources.bundle(language);
            for (String key : bundle.stringPropertyNames()) {
                String pattern = bundle.getProperty(key);
                String formatted = new MessageFormat(pattern, Locale.ROOT).format(new Object[] {"3"});

                assertThat(pattern.replace("''", "")).as("%s in messages_%s", key, language).doesNotContain("'");
                assertThat(formatted).as("%s in messages_%s", key, language)
                        .isEqualTo(pattern.replace("''", "'").replace("{0}", "3"));
            }
        }
    }

    @Test
    void wrongPinMessageShowsTheTriesLeft() {
        for (String language : List.of("ja", "en")) {
            assertThat(LoginThemeSources.bundle(language).getProperty("staffCardPinWrong")).contains("{0}");
        }
    }

    @Test
    void unreachableAgentMessageNamesLocalNetworkAccessAndItsPolicy() {
        assertThat(LoginThemeSources.bundle("en").getProperty("staffCardAgentNotReachable"))
                .contains("Start the card agent", "install", "local network access",
                        "LocalNetworkAccessAllowedForUrls");
        assertThat(LoginThemeSources.bundle("ja").getProperty("staffCardAgentNotReachable"))
                .contains("起動", "インストール", "ローカル ネットワーク アクセス", "LocalNetworkAccessAllowedForUrls");
    }

    @Test
    void pageSaysWhereThePinIsEntered() {
        assertThat(LoginThemeSources.bundle("en").getProperty("staffCardPinHint"))
                .contains("Enter your card PIN in the card agent''s window");
    }
}
