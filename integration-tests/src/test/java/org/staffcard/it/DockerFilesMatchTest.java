package org.staffcard.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image and compose files cannot be run on the machines that test this product, so they are held to
 * what is run here: the Keycloak version, build options and start options of the two-node cluster test, and the
 * realm file it imports.
 */
class DockerFilesMatchTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern FROM_KEYCLOAK = Pattern.compile("(?m)^FROM quay\\.io/keycloak/keycloak:(\\S+)");
    private static final Pattern KC_BUILD = Pattern.compile("(?m)^RUN /opt/keycloak/bin/kc\\.sh build (.+)$");

    private static ClusterNodeOptions options;
    private static String dockerfile;
    private static List<String> composeLines;

    @BeforeAll
    static void readFiles() throws IOException {
        options = ClusterNodeOptions.load();
        dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        composeLines = Files.readAllLines(ROOT.resolve("docker/compose.yaml"));
    }

    @Test
    void clusterTestRunsTheKeycloakVersionTheProvidersAreCompiledAgainst() throws IOException {
        Matcher version = Pattern.compile("<keycloak\\.version>([^<]+)</keycloak\\.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));

        assertThat(version.find()).as("keycloak.version in the root pom").isTrue();
        assertThat(options.keycloakVersion()).isEqualTo(version.group(1));
    }

    @Test
    void everyImageStageUsesTheTestedKeycloakVersion() {
        List<String> versions = all(FROM_KEYCLOAK.matcher(dockerfile));

        assertThat(versions).as("Keycloak base images in the Dockerfile").hasSize(2)
                .allMatch(options.keycloakVersion()::equals);
        assertThat(serviceBlock("keycloak-1")).contains("    image: staffcard-keycloak:" + options.keycloakVersion());
        assertThat(serviceBlock("keycloak-2")).contains("    image: staffcard-keycloak:" + options.keycloakVersion());
    }

    @Test
    void imageIsBuiltWithTheTestedBuildOptions() {
        Matcher build = KC_BUILD.matcher(dockerfile);

        assertThat(build.find()).as("a kc.sh build step in the Dockerfile").isTrue();
        assertThat(List.of(build.group(1).trim().split("\\s+"))).containsExactlyElementsOf(options.buildOptions());
        assertThat(options.buildOptions()).contains("--db=postgres", "--health-enabled=true");
    }

    @Test
    void bothComposeNodesStartWithTheTestedStartOptions() {
        for (String service : List.of("keycloak-1", "keycloak-2")) {
            List<String> command = command(service);

            assertThat(command).as(service + " command").startsWith("start");
            assertThat(command).as(service + " command").containsAll(options.startOptions());
            assertThat(command).as(service + " command").anyMatch(option -> option.startsWith("--hostname="));
        }
        assertThat(options.startOptions()).contains("--optimized", "--cache=ispn", "--cache-stack=jdbc-ping");
    }

    @Test
    void composeNodesShareOnePostgresDatabase() {
        for (String service : List.of("postgres", "keycloak-1")) {
            assertThat(serviceBlock(service)).as(service).isNotEmpty();
        }

        assertThat(serviceBlock("keycloak-1"))
                .contains("      KC_DB_URL: jdbc:postgresql://postgres:5432/keycloak");
        assertThat(serviceBlock("keycloak-2")).contains("    environment: *keycloak-environment");
        assertThat(serviceBlock("postgres")).anyMatch(line -> line.matches("\\s+image: postgres:\\d+"));
    }

    @Test
    void onlyTheFirstNodeImportsTheRealmFileTheTestImports() throws IOException {
        String realmFile = options.realmImport();
        Path source = ROOT.resolve("realm-config/src/main/resources").resolve(realmFile);

        assertThat(dockerfile).contains("COPY --chown=1000:0 realm-config/src/main/resources/" + realmFile
                + " /opt/keycloak/data/import/" + realmFile);
        assertThat(Files.readAllBytes(source)).isEqualTo(classpathBytes("/" + realmFile));
        assertThat(command("keycloak-1")).contains("--import-realm");
        assertThat(command("keycloak-2")).doesNotContain("--import-realm");
    }

    @Test
    void composeChecksReadinessOnTheManagementInterface() {
        for (String service : List.of("keycloak-1", "keycloak-2")) {
            assertThat(String.join("\n", serviceBlock(service))).as(service).contains("healthcheck:");
        }

        assertThat(String.join("\n", serviceBlock("keycloak-1"))).contains("/dev/tcp/127.0.0.1/9000")
                .contains("GET /health/ready");
    }

    /** The lines of one service of compose.yaml: from "  name:" to the next line at that indentation or less. */
    private static List<String> serviceBlock(String service) {
        List<String> block = new ArrayList<>();
        boolean inside = false;
        for (String line : composeLines) {
            if (line.equals("  " + service + ":")) {
                inside = true;
                continue;
            }
            if (inside && !line.isBlank() && !line.startsWith("   ")) {
                break;
            }
            if (inside) {
                block.add(line);
            }
        }
        return block;
    }

    /** The items of a service's block-style {@code command:} list. */
    private static List<String> command(String service) {
        List<String> command = new ArrayList<>();
        boolean inside = false;
        for (String line : serviceBlock(service)) {
            if (line.equals("    command:")) {
                inside = true;
            } else if (inside && line.startsWith("      - ")) {
                command.add(line.substring("      - ".length()).trim());
            } else if (inside) {
                break;
            }
        }
        assertThat(command).as("command of " + service).isNotEmpty();
        return command;
    }

    private static List<String> all(Matcher matcher) {
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static byte[] classpathBytes(String resource) throws IOException {
        try (InputStream in = DockerFilesMatchTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the test class path").isNotNull();
            return in.readAllBytes();
        }
    }
}
