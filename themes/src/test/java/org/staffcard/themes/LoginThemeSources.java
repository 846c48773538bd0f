package org.staffcard.themes;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The login theme's files as the tests read them: from the sources, byte for byte as they are committed. */
final class LoginThemeSources {

    static final Path LOGIN_THEME = Path.of("src/main/resources/theme/staff-card/login");
    static final Path MESSAGES = LOGIN_THEME.resolve("messages");
    static final Path TEMPLATE = LOGIN_THEME.resolve("staff-card-login.ftl");
    static final Path SCRIPT = LOGIN_THEME.resolve("resources/js/staff-card-login.js");

    private static final Pattern ERROR_TABLE =
            Pattern.compile("const AGENT_ERROR_MESSAGE_KEYS = \\{(.*?)\\};", Pattern.DOTALL);
    private static final Pattern ERROR_TABLE_ENTRY = Pattern.compile("(\\w+):\\s*\"(\\w+)\"");
    private static final Pattern QUOTED_MESSAGE_KEY = Pattern.compile("\"(staffCard\\w+)\"");

    private LoginThemeSources() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Path> messageBundles() throws IOException {
        return Files.list(MESSAGES).filter(file -> file.getFileName().toString().matches("messages_.+\\.properties"))
                .sorted();
    }

    /** Loads a bundle the way Keycloak 26 does: as UTF-8 text. */
    static Properties bundle(String language) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(read(MESSAGES.resolve("messages_" + language + ".properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The script's table from agent error code to message key, in the order it is written. */
    static Map<String, String> scriptErrorMessageKeys() {
        Matcher table = ERROR_TABLE.matcher(read(SCRIPT));
        if (!table.find()) {
            throw new AssertionError("the script has no AGENT_ERROR_MESSAGE_KEYS object literal");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher entry = ERROR_TABLE_ENTRY.matcher(table.group(1));
        while (entry.find()) {
            keys.put(entry.group(1), entry.group(2));
        }
        return keys;
    }

    /** Every message key the script names in a string literal, and so expects as a data-* attribute. */
    static Set<String> scriptMessageKeys() {
        Set<String> keys = new TreeSet<>();
        Matcher key = QUOTED_MESSAGE_KEY.matcher(read(SCRIPT));
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }

    /** The attribute through which the page hands a message to the script: dataset[key] reads it back. */
    static String dataAttributeFor(String messageKey) {
        return "data-" + messageKey.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }
}
