package org.staffcard.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The options every Keycloak node of a cluster is built and started with, read from {@code cluster-node.properties}
 * so that the tested cluster and the container image files are held to one list.
 */
final class ClusterNodeOptions {

    private static final String RESOURCE = "/cluster-node.properties";

    private final Properties properties;

    private ClusterNodeOptions(Properties properties) {
        this.properties = properties;
    }

    static ClusterNodeOptions load() {
        Properties properties = new Properties();
        try (InputStream in = ClusterNodeOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClusterNodeOptions(properties);
    }

    String keycloakVersion() {
        return required("keycloak.version");
    }

    /** Options of {@code kc.sh build}. */
    List<String> buildOptions() {
        return words("build.options");
    }

    /** Options of {@code kc.sh start} shared by every node, whatever its addresses. */
    List<String> startOptions() {
        return words("start.options");
    }

    /** The realm file the first node imports. */
    String realmImport() {
        return required("realm.import");
    }

    private List<String> words(String key) {
        return Arrays.stream(required(key).trim().split("\\s+")).toList();
    }

    private String required(String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(RESOURCE + " has no " + key);
        }
        return value.trim();
    }
}
