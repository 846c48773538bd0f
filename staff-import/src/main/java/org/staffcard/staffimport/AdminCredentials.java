package org.staffcard.staffimport;

import java.io.Console;
import java.util.Map;

/**
 * How the command signs in to Keycloak's admin API: a service-account client (client ID and secret) or an admin
 * user and password. They come from the environment or from a prompt, never from the command line, where any
 * other user of the machine could read them in the process list and the shell history keeps them.
 */
public record AdminCredentials(String realm, String clientId, String clientSecret, String username, String password) {

    public static final String CLIENT_ID = "STAFF_IMPORT_CLIENT_ID";
    public static final String CLIENT_SECRET = "STAFF_IMPORT_CLIENT_SECRET";
    public static final String USER = "STAFF_IMPORT_USER";
    public static final String PASSWORD = "STAFF_IMPORT_PASSWORD";

    /** Keycloak's own client for admin users signing in with a password. */
    static final String ADMIN_CLI = "admin-cli";

    @Override
    public String toString() {
        return "AdminCredentials[realm=" + realm + ", clientId=" + clientId + ", username=" + username + "]";
    }

    public static AdminCredentials ofClient(String realm, String clientId, String clientSecret) {
        return new AdminCredentials(realm, clientId, clientSecret, null, null);
    }

    public static AdminCredentials ofUser(String realm, String username, String password) {
        return new AdminCredentials(realm, ADMIN_CLI, null, username, password);
    }

    boolean isClient() {
        return username == null;
    }

    /** From the environment, else asked on the terminal; null when neither can give them. */
    static AdminCredentials find(String realm, Map<String, String> env, Console console) {
        if (present(env.get(CLIENT_ID)) && present(env.get(CLIENT_SECRET))) {
            return ofClient(realm, env.get(CLIENT_ID), env.get(CLIENT_SECRET));
        }
        String user = env.get(USER);
        String password = env.get(PASSWORD);
        if (console != null && !present(user)) {
            user = console.readLine("Keycloak admin user (realm %s): ", realm);
        }
        if (console != null && present(user) && !present(password)) {
            char[] typed = console.readPassword("Password for %s: ", user);
            password = typed == null ? null : new String(typed);
        }
        return present(user) && present(password) ? ofUser(realm, user.strip(), password) : null;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
