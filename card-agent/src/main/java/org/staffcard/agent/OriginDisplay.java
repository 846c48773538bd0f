package org.staffcard.agent;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The requesting origin as the PIN window shows it, with the warnings a user needs before typing a PIN for it. An
 * allowed origin is configured by an admin, but a look-alike entry (a Cyrillic "а" in a Latin name, an encoded
 * {@code xn--} name, full-width letters) would pass that check unnoticed, so the window says so plainly.
 */
record OriginDisplay(String origin, String host, String readableHost, List<String> warnings) {

    /** Scripts that Japanese names mix as a matter of course (Unicode TS #39, "highly restrictive"). */
    private static final Set<Character.UnicodeScript> JAPANESE_MIX = EnumSet.of(Character.UnicodeScript.LATIN,
            Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA);

    OriginDisplay {
        warnings = List.copyOf(warnings);
    }

    static OriginDisplay of(String origin) {
        String host = hostOf(origin);
        if (host == null) {
            return new OriginDisplay(origin, "", origin, List.of("The requesting address is not a web address."));
        }

        List<String> warnings = new ArrayList<>();
        String readable = readable(host);
        if (isPunycode(host)) {
            warnings.add("The address is an encoded international name (xn--) that reads as \"" + readable
                    + "\". Make sure this is the site you opened.");
        }
        for (String label : readable.split("\\.")) {
            Set<Character.UnicodeScript> scripts = scriptsOf(label);
            if (scripts.size() > 1 && !JAPANESE_MIX.containsAll(scripts)) {
                warnings.add("The address mixes letters of different scripts in \"" + label + "\" " + names(scripts)
                        + "; it may imitate another site's name.");
            }
        }
        if (!Normalizer.isNormalized(readable, Normalizer.Form.NFKC)) {
            warnings.add("The address contains look-alike letters (such as full-width forms): \"" + readable
                    + "\" is written like \"" + Normalizer.normalize(readable, Normalizer.Form.NFKC) + "\".");
        }
        return new OriginDisplay(origin, host, readable, warnings);
    }

    /**
     * The host of the origin. A name written in Unicode is no server-based authority to {@link URI}, which then
     * gives no host; the authority without its port is the host in that case.
     */
    private static String hostOf(String origin) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() != null) {
                return uri.getHost();
            }
            String authority = uri.getAuthority();
            if (authority == null || authority.contains("@")) {
                return null;
            }
            int colon = authority.lastIndexOf(':');
            return colon < 0 ? authority : authority.substring(0, colon);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    boolean hasWarnings() {
        return !warnings.isEmpty();
    }

    private static boolean isPunycode(String host) {
        for (String label : host.split("\\.")) {
            if (label.toLowerCase(Locale.ROOT).startsWith("xn--")) {
                return true;
            }
        }
        return false;
    }

    /** The Unicode form of an encoded name; the host as it came when it cannot be decoded. */
    private static String readable(String host) {
        try {
            return IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return host;
        }
    }

    /** The scripts of a label's letters; digits, hyphens and combining marks belong to none. */
    static Set<Character.UnicodeScript> scriptsOf(String label) {
        Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
        label.codePoints().mapToObj(Character.UnicodeScript::of)
                .filter(s -> s != Character.UnicodeScript.COMMON && s != Character.UnicodeScript.INHERITED
                        && s != Character.UnicodeScript.UNKNOWN)
                .forEach(scripts::add);
        return scripts;
    }

    private static String names(Set<Character.UnicodeScript> scripts) {
        Set<String> names = new TreeSet<>();
        scripts.forEach(s -> names.add(s.name().toLowerCase(Locale.ROOT)));
        return "(" + String.join(", ", names) + ")";
    }
}
