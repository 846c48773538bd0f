package org.staffcard.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The PC logon script in a real PAM stack: pamtester (Debian's) runs a PAM service of this test's own, whose auth
 * step is pam_exec with expose_authtok calling card-agent/packaging/pam-card-logon.sh, which runs the agent's login
 * with the demo card in pcscd's virtual reader against the real Keycloak. The service file is written under
 * /etc/pam.d with a name of its own and removed afterwards; no existing PAM service is touched. Skipped where
 * pamtester, pam_exec or root rights are missing.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class PamCardLogonTest {

    private static final Path PAM_EXEC = Path.of("/usr/lib/x86_64-linux-gnu/security/pam_exec.so");
    private static final Path PAMTESTER = Path.of("/usr/bin/pamtester");
    private static final Path SCRIPT = Path.of("..", "card-agent", "packaging", "pam-card-logon.sh")
            .toAbsolutePath().normalize();

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    @TempDir
    Path work;

    private Path service;
    private String demoUserId;

    private record Outcome(int exit, String output) {
    }

    @BeforeEach
    void writePamService() throws Exception {
        assumeTrue(Files.isExecutable(PAMTESTER) && Files.exists(PAM_EXEC),
                "needs Debian's pamtester and libpam-modules (pam_exec)");
        assumeTrue("root".equals(System.getProperty("user.name")), "writing a PAM service file needs root");
        CardStack.get();
        demoUserId = realm.admin().users().searchByUsername("yamada.taro", true).get(0).getId();
        realm.admin().clearEvents();

        Path secret = Files.writeString(work.resolve("pc-logon.secret"), "pc-logon-secret\n");
        Path agentConfig = new AgentLoginProcess(work).agentConfig();
        Path conf = Files.writeString(work.resolve("pam-logon.conf"),
                "AGENT='" + String.join(" ", AgentLoginProcess.command()) + "'\n"
                        + "SERVER=" + CardStack.KEYCLOAK_ORIGIN + "\nREALM=staff\nCLIENT=pc-logon\n"
                        + "SECRET_FILE=" + secret + "\nAGENT_CONFIG=" + agentConfig + "\n");
        service = Path.of("/etc/pam.d", "staffcard-test-" + UUID.randomUUID());
        Files.writeString(service, "auth required " + PAM_EXEC + " expose_authtok stdout " + SCRIPT + " " + conf
                + "\naccount required pam_permit.so\n");
    }

    @AfterEach
    void removePamService() throws Exception {
        if (service != null) {
            Files.deleteIfExists(service);
        }
        if (demoUserId != null) {
            realm.admin().attackDetection().clearBruteForceForUser(demoUserId);
        }
    }

    @Test
    void cardAndPasswordAuthenticateTheStaffMembersAccount() throws Exception {
        Outcome outcome = pamtester("yamada.taro", "Demo-Passw0rd");

        assertThat(outcome.exit()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("successfully authenticated");
        EventRepresentation login = realm.admin().getEvents(List.of("LOGIN"), null, null, null, null, null, 0, 1)
                .get(0);
        assertThat(login.getClientId()).isEqualTo("pc-logon");
        assertThat(login.getUserId()).isEqualTo(demoUserId);
    }

    @Test
    void wrongPasswordFailsTheAuthStepAndSaysWhy() throws Exception {
        Outcome outcome = pamtester("yamada.taro", "not the password");

        assertThat(outcome.exit()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).contains("Invalid card or password").doesNotContain("not the password");
    }

    @Test
    void cardOfAnotherStaffMemberDoesNotOpenThisAccount() throws Exception {
        Outcome outcome = pamtester("sato.hanako", "Demo-Passw0rd");

        assertThat(outcome.exit()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).contains("preferred_username");
    }

    private Outcome pamtester(String account, String password) throws Exception {
        Process process = new ProcessBuilder(PAMTESTER.toString(), "-v", service.getFileName().toString(), account,
                "authenticate").redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("pamtester ends").isTrue();
        return new Outcome(process.exitValue(), output);
    }
}
