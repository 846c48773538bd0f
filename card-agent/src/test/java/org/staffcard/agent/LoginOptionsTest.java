package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginOptionsTest {

    @TempDir
    Path work;

    private static LoginOptions parse(Map<String, String> environment, String... args) throws Exception {
        return LoginOptions.parse(args, environment);
    }

    @Test
    void refusesTheClientSecretOnTheCommandLine() {
        assertThatThrownBy(() -> parse(Map.of(), "login", "--server", "https://sso.example.lg.jp", "--client",
                "pc-logon", "--client-secret", "s3cret"))
                .isInstanceOfSatisfying(LoginFailedException.class, e -> {
                    assertThat(e.exit()).isEqualTo(LoginExit.USAGE);
                    assertThat(e.getMessage()).contains("--client-secret-file").doesNotContain("s3cret");
                });
    }

    @Test
    void refusesPlainHttpToAnotherMachine() {
        assertThatThrownBy(() -> parse(Map.of(), "login", "--server", "http://sso.example.lg.jp", "--client", "c"))
                .isInstanceOfSatisfying(LoginFailedException.class,
                        e -> assertThat(e.getMessage()).contains("must use https"));
    }

    @Test
    void acceptsPlainHttpToLoopbackAndNamesItsOrigin() throws Exception {
        LoginOptions options = parse(Map.of(), "login", "--server", "http://localhost:8080/", "--client", "c");

        assertThat(options.origin()).isEqualTo("http://localhost:8080");
        assertThat(options.realmAddress()).hasToString("http://localhost:8080/realms/staff");
    }

    @Test
    void leavesTheDefaultPortOutOfTheOriginAndKeepsAPathPrefix() throws Exception {
        LoginOptions options = parse(Map.of(), "login", "--server", "https://SSO.example.lg.jp:443/auth",
                "--client", "c", "--realm", "office");

        assertThat(options.origin()).isEqualTo("https://sso.example.lg.jp");
        assertThat(options.realmAddress()).hasToString("https://sso.example.lg.jp/auth/realms/office");
    }

    @Test
    void readsTheSecretFromAFileBeforeTheEnvironment() throws Exception {
        Path file = Files.writeString(work.resolve("secret"), "from-file\n");

        LoginOptions options = parse(Map.of(LoginOptions.SECRET_ENVIRONMENT, "from-env"), "login", "--server",
                "https://sso.example.lg.jp", "--client", "c", "--client-secret-file", file.toString());

        assertThat(options.clientSecret()).contains("from-file");
        assertThat(options.toString()).doesNotContain("from-file");
    }

    @Test
    void readsTheSecretFromTheEnvironmentWithoutAFile() throws Exception {
        LoginOptions options = parse(Map.of(LoginOptions.SECRET_ENVIRONMENT, "from-env"), "login", "--server",
                "https://sso.example.lg.jp", "--client", "c");

        assertThat(options.clientSecret()).contains("from-env");
    }

    @Test
    void refusesAnEmptySecretFile() throws Exception {
        Path file = Files.writeString(work.resolve("secret"), "\n");

        assertThatThrownBy(() -> parse(Map.of(), "login", "--server", "https://sso.example.lg.jp", "--client", "c",
                "--client-secret-file", file.toString()))
                .isInstanceOfSatisfying(LoginFailedException.class, e -> assertThat(e.getMessage()).contains("empty"));
    }

    @Test
    void needsServerAndClient() {
        assertThatThrownBy(() -> parse(Map.of(), "login", "--server", "https://sso.example.lg.jp"))
                .isInstanceOfSatisfying(LoginFailedException.class,
                        e -> assertThat(e.exit()).isEqualTo(LoginExit.USAGE));
    }
}
