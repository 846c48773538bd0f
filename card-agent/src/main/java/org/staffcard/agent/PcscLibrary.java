package org.staffcard.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the PC/SC library may live. The JDK looks for {@code libpcsclite.so.1} by the loader's rules and then for
 * {@code /usr/lib64/libpcsclite.so}; some JDK builds on multiarch distributions missed the library when only the
 * runtime package was installed and then listed zero readers without an error. Pointing
 * {@code sun.security.smartcardio.library} at a file that exists, before the first use of PC/SC, avoids that.
 *
 * <p>A property that names a missing file is reported as "library not found": upstream JDKs then fail to load
 * PC/SC, while some distribution builds link the library themselves and ignore the property, so the agent would
 * otherwise behave differently from one PC to the next under the same setting.
 */
final class PcscLibrary {

    static final String PROPERTY = "sun.security.smartcardio.library";

    private static final List<String> LINUX_CANDIDATES = List.of(
            "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
            "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
            "/lib/x86_64-linux-gnu/libpcsclite.so.1",
            "/usr/lib64/libpcsclite.so.1",
            "/usr/lib/libpcsclite.so.1",
            "/usr/local/lib/libpcsclite.so.1",
            "/usr/lib64/libpcsclite.so",
            "/usr/lib/libpcsclite.so");

    /** What the search found: the path in use, if known, and whether a configured path is missing. */
    record Lookup(Optional<String> path, boolean configured, boolean configuredButMissing) {

        String describe() {
            if (configuredButMissing) {
                return "not found: " + path.orElse("") + " (" + PROPERTY + ") does not exist";
            }
            return path.map(p -> p + (configured ? " (" + PROPERTY + ")" : " (found by the agent)"))
                    .orElse(isLinux() ? "not found in " + LINUX_CANDIDATES + "; the JDK's own search applies"
                            : "the platform's PC/SC framework");
        }
    }

    /** The candidate this class put into the property, so a later look can tell it from an admin's setting. */
    private static volatile String chosenByAgent;

    private PcscLibrary() {
    }

    /** Sets the JDK's library property to the first existing candidate when nobody set it; Linux only. */
    static Lookup locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            boolean byAdmin = !configured.equals(chosenByAgent);
            return new Lookup(Optional.of(configured), byAdmin, byAdmin && !Files.isRegularFile(Path.of(configured)));
        }
        if (!isLinux()) {
            return new Lookup(Optional.empty(), false, false);
        }
        Optional<String> found = LINUX_CANDIDATES.stream().filter(p -> Files.isRegularFile(Path.of(p))).findFirst();
        found.ifPresent(path -> {
            chosenByAgent = path;
            System.setProperty(PROPERTY, path);
        });
        return new Lookup(found, false, false);
    }

    /** The paths a failed load looked at, for the admin's message. */
    static List<String> pathsTried() {
        List<String> paths = new ArrayList<>();
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank() && !configured.equals(chosenByAgent)) {
            paths.add(configured + " (" + PROPERTY + ")");
        }
        if (isLinux()) {
            paths.add("libpcsclite.so.1 (library search path)");
            paths.addAll(LINUX_CANDIDATES);
        } else {
            paths.add("the platform's PC/SC framework");
        }
        return paths;
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }
}
