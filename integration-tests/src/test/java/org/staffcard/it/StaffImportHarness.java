package org.staffcard.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.util.JsonSerialization;
import org.staffcard.staffimport.AdminApi;
import org.staffcard.staffimport.ImportOptions;
import org.staffcard.staffimport.ImportOutcome;
import org.staffcard.staffimport.StaffImport;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How long importing a generated staff file takes with the import command (partial import in batches) against the
 * baseline of creating the same accounts one admin API request each, as an admin script would, on the same server in
 * the same run. Each way writes into its own fresh copy of the staff realm. It runs only when asked:
 * {@code mvn -pl integration-tests -am verify -Dtest=StaffImportHarness -Dstaffcard.import=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; results go to standard output and {@code target/staff-import.md}.
 */
@Tag("load")
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class StaffImportHarness {

    private static final int ROWS = Integer.getInteger("staffcard.import.rows", 10_000);
    /** Run in this order, the first size again at the end, so a warm-up or database-growth effect shows. */
    private static final List<Integer> BATCH_SIZES = java.util.Arrays.stream(
            System.getProperty("staffcard.import.batchSizes", "50,500,100,50").split(","))
            .map(String::strip).map(Integer::valueOf).toList();

    @InjectAdminClient
    Keycloak admin;

    @Test
    void measuresBatchedImportAgainstOneRequestPerAccount() throws Exception {
        assumeTrue(Boolean.getBoolean("staffcard.import"), "the import harness runs only with -Dstaffcard.import=true");
        String csv = GeneratedStaff.csv(ROWS);
        List<String> lines = new ArrayList<>();

        // The baseline runs first, on the emptier database, so any growth effect favours it, not the command.
        RealmResource single = freshRealm("import-single");
        long start = System.nanoTime();
        createOneRequestEach(single);
        long baseline = System.nanoTime() - start;
        lines.add(line("one admin API request per account (baseline)", baseline, baseline));
        assertThat(single.users().count()).isEqualTo(ROWS);

        for (int batchSize : BATCH_SIZES) {
            RealmResource batched = freshRealm("import-batch-" + batchSize);
            start = System.nanoTime();
            ImportOutcome outcome = new StaffImport(new AdminApi(CardStack.KEYCLOAK_ORIGIN, "import-batch-" + batchSize,
                    StaffImportRun.FRAMEWORK_ADMIN), new PrintStream(OutputStream.nullOutputStream()), System.err)
                    .run(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                            new ImportOptions(false, false, batchSize));
            long elapsed = System.nanoTime() - start;
            lines.add(line("staff-import, batches of " + batchSize, elapsed, baseline));
            assertThat(outcome.written()).isEqualTo(ROWS);
            assertThat(batched.users().count()).isEqualTo(ROWS);
            admin.realm("import-batch-" + batchSize).remove();
        }
        admin.realm("import-single").remove();

        String report = "| " + ROWS + " staff rows | time | accounts/s | speed-up |\n| --- | --- | --- | --- |\n"
                + String.join("\n", lines) + "\n";
        System.out.println(report);
        Files.writeString(Path.of("target", "staff-import.md"), report);
    }

    /** Each account with its attributes and groups in one POST, as the admin console would create it. */
    private void createOneRequestEach(RealmResource realm) {
        Map<String, String> groupIds = new java.util.HashMap<>();
        for (String path : allDepartments()) {
            groupIds.put(path, createGroup(realm, path, groupIds));
        }
        for (int i = 1; i <= ROWS; i++) {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(GeneratedStaff.staffNumber(i).toLowerCase(Locale.ROOT));
            user.setEmail(GeneratedStaff.email(i));
            user.setLastName(GeneratedStaff.lastName(i));
            user.setFirstName(GeneratedStaff.firstName(i));
            user.setEnabled(true);
            user.setAttributes(Map.of("staffNumber", List.of(GeneratedStaff.staffNumber(i)),
                    "cardUserId", List.of(GeneratedStaff.cardUserId(i))));
            user.setGroups(GeneratedStaff.departments(i).stream().map(d -> "/" + d).toList());
            try (Response created = realm.users().create(user)) {
                assertThat(created.getStatus()).as("creating account " + i).isEqualTo(201);
            }
        }
    }

    private static Set<String> allDepartments() {
        Set<String> paths = new LinkedHashSet<>();
        for (int i = 1; i <= ROWS; i++) {
            for (String department : GeneratedStaff.departments(i)) {
                String[] names = department.split("/");
                for (int depth = 1; depth <= names.length; depth++) {
                    paths.add(String.join("/", java.util.Arrays.copyOf(names, depth)));
                }
            }
        }
        return paths;
    }

    private static String createGroup(RealmResource realm, String path, Map<String, String> ids) {
        int slash = path.lastIndexOf('/');
        GroupRepresentation group = new GroupRepresentation();
        group.setName(path.substring(slash + 1));
        Response created = slash < 0 ? realm.groups().add(group)
                : realm.groups().group(ids.get(path.substring(0, slash))).subGroup(group);
        try (created) {
            assertThat(created.getStatus()).as("creating group " + path).isEqualTo(201);
            if (created.getLocation() == null) {
                return created.readEntity(GroupRepresentation.class).getId();
            }
            String location = created.getLocation().toString();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    private RealmResource freshRealm(String name) throws Exception {
        ObjectNode json;
        try (InputStream in = StaffImportHarness.class.getResourceAsStream("/staff-realm.json")) {
            json = (ObjectNode) new ObjectMapper().readTree(in);
        }
        json.put("realm", name);
        json.remove("users");
        json.remove("groups");
        admin.realms().create(JsonSerialization.readValue(json.toString(), RealmRepresentation.class));
        return admin.realm(name);
    }

    private static String line(String what, long nanos, long baselineNanos) {
        double seconds = nanos / 1e9;
        return String.format(Locale.ROOT, "| %s | %.1f s | %.0f | %.1f× |", what, seconds, ROWS / seconds,
                (double) baselineNanos / nanos);
    }
}
