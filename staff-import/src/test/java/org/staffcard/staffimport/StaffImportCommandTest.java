package org.staffcard.staffimport;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaffImportCommandTest {

    @Test
    void readsTheOptionsAndTheFile() {
        StaffImportCommand.CommandLine line = StaffImportCommand.CommandLine.parse(new String[] {
                "--server", "https://sso.example.lg.jp", "--auth-realm", "staff", "--dry-run", "--import-good-rows",
                "--batch-size", "100", "staff.csv"});

        assertThat(line.server()).isEqualTo("https://sso.example.lg.jp");
        assertThat(line.realm()).isEqualTo("staff");
        assertThat(line.authRealm()).isEqualTo("staff");
        assertThat(line.options()).isEqualTo(new ImportOptions(true, true, 100));
        assertThat(line.file()).isEqualTo(Path.of("staff.csv"));
    }

    @Test
    void takesNoPasswordFromTheCommandLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = StaffImportCommand.run(new String[] {"--password", "secret", "staff.csv"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(StaffImportCommand.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Unknown argument: --password");
    }

    @Test
    void refusesABatchSizeOutsideItsRange() {
        assertThatThrownBy(() -> StaffImportCommand.CommandLine.parse(new String[] {"--batch-size", "0", "f.csv"}))
                .hasMessage("--batch-size is 1 to 5000");
    }

    @Test
    void prefersAServiceAccountFromTheEnvironment() {
        AdminCredentials credentials = AdminCredentials.find("staff", Map.of(
                AdminCredentials.CLIENT_ID, "staff-import", AdminCredentials.CLIENT_SECRET, "s3cret",
                AdminCredentials.USER, "admin", AdminCredentials.PASSWORD, "pw"), null);

        assertThat(credentials).isEqualTo(AdminCredentials.ofClient("staff", "staff-import", "s3cret"));
        assertThat(credentials.toString()).doesNotContain("s3cret");
    }

    @Test
    void takesAnAdminUserFromTheEnvironmentWithAdminCli() {
        AdminCredentials credentials = AdminCredentials.find("master", Map.of(
                AdminCredentials.USER, "admin", AdminCredentials.PASSWORD, "pw"), null);

        assertThat(credentials).isEqualTo(AdminCredentials.ofUser("master", "admin", "pw"));
        assertThat(credentials.clientId()).isEqualTo("admin-cli");
        assertThat(credentials.toString()).doesNotContain("pw");
    }

    @Test
    void hasNoCredentialsWithoutEnvironmentOrTerminal() {
        assertThat(AdminCredentials.find("master", Map.of(AdminCredentials.USER, "admin"), null)).isNull();
    }
}
