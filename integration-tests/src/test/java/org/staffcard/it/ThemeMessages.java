package org.staffcard.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The login theme's English and Japanese texts, read from the theme jar itself, so a test asserts that the page
 * shows the message for a given key without copying the wording.
 */
final class ThemeMessages {

    private static final Properties ENGLISH = load("/theme/staff-card/login/messages/messages_en.properties");
    private static final Properties JAPANESE = load("/theme/staff-card/login/messages/messages_ja.properties");

    private ThemeMessages() {
    }

    /** The text as it appears in the page: message-format quotes undone and HTML-escaped as FreeMarker does. */
    static String english(String key) {
        return asInPage(ENGLISH, key, "English");
    }

    static String japanese(String key) {
        return asInPage(JAPANESE, key, "Japanese");
    }

    private static String asInPage(Properties bundle, String key, String language) {
        String text = bundle.getProperty(key);
        if (text == null) {
            throw new AssertionError("the theme has no " + language + " message " + key);
        }
        return text.replace("''", "'").replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;");
    }

    private static Properties load(String bundle) {
        try (InputStream in = ThemeMessages.class.getResourceAsStream(bundle)) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
