package org.staffcard.agent;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code login}. The client secret is read from a file or the environment, never from the command
 * line, where every user of the PC could read it in the process list. The server must be https, except on this
 * machine's loopback address: the password and the client secret travel in the token request.
 */
record LoginOptions(URI server, String realm, String clientId, Optional<String> clientSecret, boolean passwordStdin,
                    Optional<Path> agentConfig, Optional<String> expectedUser, Optional<String> expectedAcr) {

    static final String SECRET_ENVIRONMENT = "STAFFCARD_CLIENT_SECRET";
    static final String USAGE = "usage: java -jar card-agent.jar login --server URL --client CLIENT_ID "
            + "[--realm REALM] [--client-secret-file FILE] [--password-stdin] [--config FILE] "
            + "[--expect-user NAME] [--expect-acr ACR]";

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final int MAX_SECRET_BYTES = 4096;

    static LoginOptions parse(String[] args, Map<String, String> environment) throws LoginFailedException {
        String server = null;
        String realm = "staff";
        String client = null;
        Path secretFile = null;
        boolean passwordStdin = false;
        Path config = null;
        String user = null;
        String acr = null;
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--password-stdin")) {
                passwordStdin = true;
                continue;
            }
            if (option.equals("--client-secret")) {
                throw usage("--client-secret is not accepted: the process list would show it; put the secret in a "
                        + "file readable only by the logon service and give --client-secret-file, or set "
                        + SECRET_ENVIRONMENT);
            }
            if (i + 1 >= args.length) {
                throw usage("'" + option + "' is not an option of login, or lacks its value");
            }
            String value = args[++i];
            switch (option) {
                case "--server" -> server = value;
                case "--realm" -> realm = value;
                case "--client" -> client = value;
                case "--client-secret-file" -> secretFile = Path.of(value);
                case "--config" -> config = Path.of(value);
                case "--expect-user" -> user = value;
                case "--expect-acr" -> acr = value;
                default -> throw usage("'" + option + "' is not an option of login");
            }
        }
        if (server == null || client == null) {
            throw usage("--server and --client are required");
        }
        if (!realm.matches("[A-Za-z0-9._-]{1,64}")) {
            throw usage("--realm '" + realm + "' is not a realm name");
        }
        return new LoginOptions(serverAddress(server), realm, client, secret(secretFile, environment),
                passwordStdin, Optional.ofNullable(config), Optional.ofNullable(user), Optional.ofNullable(acr));
    }

    /** The origin the card signs for: the server's scheme, host and port as a browser would name it. */
    String origin() {
        String scheme = server.getScheme().toLowerCase(Locale.ROOT);
        String host = server.getHost().toLowerCase(Locale.ROOT);
        int port = server.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                || (scheme.equals("http") && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    URI realmAddress() {
        return URI.create(origin() + basePath() + "/realms/" + realm);
    }

    private String basePath() {
        String path = server.getRawPath() == null ? "" : server.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static URI serverAddress(String text) throws LoginFailedException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw usage("--server '" + text + "' is not a URL");
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawUserInfo() != null) {
            throw usage("--server '" + text + "' must be like https://sso.example.lg.jp");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw usage("--server must use https (plain http only to this machine's loopback address): the "
                    + "password and the client secret are sent to it");
        }
        return uri;
    }

    private static Optional<String> secret(Path file, Map<String, String> environment) throws LoginFailedException {
        if (file == null) {
            String fromEnvironment = environment.get(SECRET_ENVIRONMENT);
            return fromEnvironment == null || fromEnvironment.isBlank()
                    ? Optional.empty() : Optional.of(fromEnvironment.trim());
        }
        try {
            if (Files.size(file) > MAX_SECRET_BYTES) {
                throw usage("the client secret file " + file + " is larger than " + MAX_SECRET_BYTES + " bytes");
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (secret.isEmpty()) {
                throw usage("the client secret file " + file + " is empty");
            }
            return Optional.of(secret);
        } catch (IOException e) {
            throw usage("cannot read the client secret file " + file + ": " + e.getMessage());
        }
    }

    private static LoginFailedException usage(String message) {
        return new LoginFailedException(LoginExit.USAGE, message, USAGE);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "LoginOptions[server=" + server + ", realm=" + realm + ", client=" + clientId + ", secret="
                + (clientSecret.isPresent() ? "given" : "none") + "]";
    }
}
