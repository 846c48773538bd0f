package org.staffcard.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.staffcard.protocol.AgentErrorCode;

/** The login page has an actionable message for every error the card agent can answer, in both languages. */
class AgentErrorMessagesTest {

    private static final List<String> AGENT_ERROR_CODES =
            Arrays.stream(AgentErrorCode.values()).map(Enum::name).collect(Collectors.toList());

    @Test
    void scriptMapsEveryAgentErrorCodeAndNothingElse() {
        assertThat(LoginThemeSources.scriptErrorMessageKeys().keySet())
                .containsExactlyInAnyOrderElementsOf(AGENT_ERROR_CODES);
    }

    @Test
    void everyAgentErrorHasItsOwnMessage() {
        Map<String, String> table = LoginThemeSources.scriptErrorMessageKeys();

        assertThat(table.values()).doesNotHaveDuplicates();
    }

    @Test
    void everyMappedMessageExistsInBothBundles() {
        for (String language : List.of("ja", "en")) {
            assertThat(LoginThemeSources.bundle(language).stringPropertyNames())
                    .as("messages_%s", language)
                    .containsAll(LoginThemeSources.scriptErrorMessageKeys().values());
        }
    }

    @Test
    void everyMessageTheScriptUsesIsPassedByThePageAndInBothBundles() {
        String template = LoginThemeSources.read(LoginThemeSources.TEMPLATE);

        for (String key : LoginThemeSources.scriptMessageKeys()) {
            assertThat(template).as("the page lists %s for the script", key).contains("\"" + key + "\"");
            assertThat(LoginThemeSources.bundle("ja").getProperty(key)).as("ja %s", key).isNotBlank();
            assertThat(LoginThemeSources.bundle("en").getProperty(key)).as("en %s", key).isNotBlank();
        }
    }

    @Test
    void originRefusalAsksTheAdministratorToAllowThisSite() {
        assertThat(LoginThemeSources.bundle("en").getProperty("staffCardAgentOriginNotAllowed"))
                .contains("administrator", "allowed origins");
    }
}
