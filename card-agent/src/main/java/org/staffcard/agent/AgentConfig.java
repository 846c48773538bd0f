package org.staffcard.agent;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The agent's settings, read once at start from a properties file. A bad value is refused here with the key and the
 * reason, not at the first sign-in: an origin that can never match, for one, would only show as a refused login.
 *
 * <pre>
 * allowed.origins = https://sso.example.lg.jp, http://localhost:8080
 * ports           = 47130, 47131, 47132
 * reader          = pcsc | virtual
 * reader.name     = (optional) the exact name of the reader to use when several hold a card
 * pin.source      = dialog | console | demo
 * pin.demo        = (only with pin.source = demo; else the environment variable STAFFCARD_DEMO_PIN)
 * freearea.aid    = F053544146464944   (empty: the card user ID is the certificate's SHA-256 fingerprint)
 * freearea.fid    = 0001
 * sign.per.minute = 20
 * pin.timeout.seconds = 60   (the PIN window closes by itself and the request answers PIN_CANCELLED)
 * log.dir         = (optional) where the rotating log files go; else the usual place of this OS
 * </pre>
 */
public final class AgentConfig {

    public static final String ALLOWED_ORIGINS = "allowed.origins";
    public static final String PORTS = "ports";
    public static final String READER = "reader";
    public static final String READER_NAME = "reader.name";
    public static final String PIN_SOURCE = "pin.source";
    public static final String PIN_DEMO = "pin.demo";
    public static final String FREEAREA_AID = "freearea.aid";
    public static final String FREEAREA_FID = "freearea.fid";
    public static final String SIGN_PER_MINUTE = "sign.per.minute";
    public static final String PIN_TIMEOUT_SECONDS = "pin.timeout.seconds";
    public static final String LOG_DIR = "log.dir";

    private static final Set<String> KEYS = Set.of(ALLOWED_ORIGINS, PORTS, READER, READER_NAME, PIN_SOURCE, PIN_DEMO,
            FREEAREA_AID, FREEAREA_FID, SIGN_PER_MINUTE, PIN_TIMEOUT_SECONDS, LOG_DIR);

    private static final Map<String, String> DEFAULTS = Map.of(
            ALLOWED_ORIGINS, "http://localhost:8080",
            PORTS, "47130,47131,47132",
            READER, "pcsc",
            PIN_SOURCE, "dialog",
            FREEAREA_AID, "F053544146464944",
            FREEAREA_FID, "0001",
            SIGN_PER_MINUTE, "20",
            PIN_TIMEOUT_SECONDS, "60");

    private final List<String> allowedOrigins;
    private final List<Integer> ports;
    private final ReaderMode readerMode;
    private final Optional<String> readerName;
    private final PinSourceKind pinSource;
    private final Optional<String> demoPin;
    private final Optional<FreeAreaFile> freeArea;
    private final int signPerMinute;
    private final int pinTimeoutSeconds;
    private final Optional<Path> logDirectory;

    private AgentConfig(Map<String, String> values) throws InvalidConfigException {
        allowedOrigins = origins(values.get(ALLOWED_ORIGINS));
        ports = ports(values.get(PORTS));
        readerMode = choice(ReaderMode.class, READER, values.get(READER));
        readerName = optional(values.get(READER_NAME));
        pinSource = choice(PinSourceKind.class, PIN_SOURCE, values.get(PIN_SOURCE));
        demoPin = optional(values.get(PIN_DEMO));
        freeArea = freeArea(values.get(FREEAREA_AID), values.get(FREEAREA_FID));
        signPerMinute = positiveNumber(SIGN_PER_MINUTE, values.get(SIGN_PER_MINUTE), 1000);
        // Ten minutes at most: the server's challenge is long dead by then, so a longer wait only blocks the card.
        pinTimeoutSeconds = positiveNumber(PIN_TIMEOUT_SECONDS, values.get(PIN_TIMEOUT_SECONDS), 600);
        logDirectory = optional(values.get(LOG_DIR)).map(Path::of);

        if (demoPin.isPresent() && pinSource != PinSourceKind.DEMO) {
            throw new InvalidConfigException(PIN_DEMO + " is set but " + PIN_SOURCE + " is not demo; remove the PIN "
                    + "from the file");
        }
    }

    public static AgentConfig defaults() {
        try {
            return new AgentConfig(new TreeMap<>(DEFAULTS));
        } catch (InvalidConfigException e) {
            throw new IllegalStateException("the built-in defaults are valid", e);
        }
    }

    /** Settings given as key and value; missing keys take their defaults, unknown keys are refused. */
    public static AgentConfig of(Map<String, String> settings) throws InvalidConfigException {
        Map<String, String> values = new TreeMap<>(DEFAULTS);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            if (!KEYS.contains(setting.getKey())) {
                throw new InvalidConfigException("unknown setting '" + setting.getKey() + "'; known settings: "
                        + new TreeMap<>(DEFAULTS).keySet() + ", " + READER_NAME + ", " + PIN_DEMO + ", " + LOG_DIR);
            }
            values.put(setting.getKey(), setting.getValue().trim());
        }
        return new AgentConfig(values);
    }

    public static AgentConfig load(Path file) throws InvalidConfigException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return of(settings);
    }

    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    public List<Integer> ports() {
        return ports;
    }

    public ReaderMode readerMode() {
        return readerMode;
    }

    public Optional<String> readerName() {
        return readerName;
    }

    public PinSourceKind pinSource() {
        return pinSource;
    }

    /** The configured demo PIN; only ever set together with {@code pin.source = demo}. */
    public Optional<String> demoPin() {
        return demoPin;
    }

    public Optional<FreeAreaFile> freeArea() {
        return freeArea;
    }

    public int signPerMinute() {
        return signPerMinute;
    }

    /** How long the PIN window waits for the user before it closes and the request answers PIN_CANCELLED. */
    public int pinTimeoutSeconds() {
        return pinTimeoutSeconds;
    }

    /** The configured log directory; empty means the usual place of this OS ({@link AgentLogging}). */
    public Optional<Path> logDirectory() {
        return logDirectory;
    }

    /** Never prints the demo PIN. */
    @Override
    public String toString() {
        return "AgentConfig[origins=" + allowedOrigins + ", ports=" + ports + ", reader=" + readerMode
                + readerName.map(n -> " '" + n + "'").orElse("") + ", pin.source=" + pinSource
                + ", freeArea=" + freeArea.map(FreeAreaFile::toString).orElse("none (certificate fingerprint)")
                + ", sign.per.minute=" + signPerMinute + ", pin.timeout.seconds=" + pinTimeoutSeconds + "]";
    }

    private static List<String> origins(String text) throws InvalidConfigException {
        Set<String> origins = new LinkedHashSet<>();
        for (String item : text.split(",")) {
            String origin = item.trim();
            if (!origin.isEmpty()) {
                origins.add(checkedOrigin(origin));
            }
        }
        if (origins.isEmpty()) {
            throw new InvalidConfigException(ALLOWED_ORIGINS + " names no origin; give at least one, such as "
                    + "https://sso.example.lg.jp");
        }
        return List.copyOf(origins);
    }

    /**
     * An origin as a browser sends it: lowercase scheme and host, the port only when it is not the scheme's default,
     * no path, not even "/". Anything else could never equal an Origin header, so it is refused here.
     */
    static String checkedOrigin(String origin) throws InvalidConfigException {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(ALLOWED_ORIGINS + ": '" + origin + "' is not a URL", e);
        }
        String problem = originProblem(uri);
        if (problem != null) {
            throw new InvalidConfigException(ALLOWED_ORIGINS + ": '" + origin + "' " + problem
                    + "; write it as scheme://host[:port], for example https://sso.example.lg.jp");
        }
        return origin;
    }

    private static String originProblem(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "is not an http or https origin";
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            return "has no host";
        }
        if (uri.getRawUserInfo() != null) {
            return "carries user information";
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            return "has a path (a trailing slash counts)";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "has a query or fragment";
        }
        if (!uri.getHost().equals(uri.getHost().toLowerCase(Locale.ROOT))) {
            return "has upper-case letters in the host, which browsers never send";
        }
        boolean defaultPort = (scheme.equals("https") && uri.getPort() == 443)
                || (scheme.equals("http") && uri.getPort() == 80);
        if (defaultPort) {
            return "names the scheme's default port, which browsers leave out";
        }
        return null;
    }

    private static List<Integer> ports(String text) throws InvalidConfigException {
        List<Integer> ports = new ArrayList<>();
        for (String item : text.split(",")) {
            String port = item.trim();
            if (port.isEmpty()) {
                continue;
            }
            int value;
            try {
                value = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(PORTS + ": '" + port + "' is not a port number", e);
            }
            // 0 asks the system for any free port; only embedding tests use it, since a page cannot probe it.
            if (value < 0 || value > 65535) {
                throw new InvalidConfigException(PORTS + ": " + value + " is not between 1 and 65535");
            }
            ports.add(value);
        }
        if (ports.isEmpty()) {
            throw new InvalidConfigException(PORTS + " names no port; the default is 47130,47131,47132");
        }
        return List.copyOf(ports);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String key, String text) throws InvalidConfigException {
        for (E candidate : type.getEnumConstants()) {
            if (candidate.name().equalsIgnoreCase(text)) {
                return candidate;
            }
        }
        List<String> names = new ArrayList<>();
        for (E candidate : type.getEnumConstants()) {
            names.add(candidate.name().toLowerCase(Locale.ROOT));
        }
        throw new InvalidConfigException(key + ": '" + text + "' is not one of " + names);
    }

    private static Optional<FreeAreaFile> freeArea(String aidHex, String fidHex) throws InvalidConfigException {
        if (aidHex.isEmpty()) {
            return Optional.empty();
        }
        byte[] aid;
        try {
            aid = HexFormat.of().parseHex(aidHex.replace(" ", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(FREEAREA_AID + ": '" + aidHex + "' is not hex", e);
        }
        if (aid.length < 5 || aid.length > 16) {
            throw new InvalidConfigException(FREEAREA_AID + ": an AID has 5 to 16 bytes, got " + aid.length);
        }
        if (!fidHex.matches("[0-9A-Fa-f]{4}")) {
            throw new InvalidConfigException(FREEAREA_FID + ": '" + fidHex + "' is not 4 hex digits");
        }
        return Optional.of(new FreeAreaFile(aid, Integer.parseInt(fidHex, 16)));
    }

    private static int positiveNumber(String key, String text, int max) throws InvalidConfigException {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + ": '" + text + "' is not a number", e);
        }
        throw new InvalidConfigException(key + ": " + text + " is not between 1 and " + max);
    }

    private static Optional<String> optional(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }
}
