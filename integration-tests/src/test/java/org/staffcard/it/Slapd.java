package org.staffcard.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenLDAP server (Debian's slapd) of this test's own: its configuration, schema and database live in a
 * folder the test owns, it listens on a free loopback port only, and it is ended by the process it was started as.
 * The system's slapd and its configuration are never touched. Entries are loaded with slapadd before the start.
 */
final class Slapd implements AutoCloseable {

    static final String SUFFIX = "dc=example,dc=lg,dc=jp";
    static final String STAFF_DN = "ou=staff," + SUFFIX;
    static final String ADMIN_DN = "cn=admin," + SUFFIX;
    static final String ADMIN_PASSWORD = "directory-admin-Passw0rd";

    private static final Path SLAPD = Path.of("/usr/sbin/slapd");
    private static final Path SLAPADD = Path.of("/usr/sbin/slapadd");

    /**
     * The organisation's own attribute for the card user ID. Its OIDs are under 2.25 (ITU-T X.667), which anyone may
     * mint from a random UUID without registering an enterprise number.
     */
    private static final String STAFF_CARD_SCHEMA = """
            attributetype ( 2.25.267928792999273344687276125163271449733.1 NAME 'staffCardUserId'
                DESC 'The card user ID of the staff card issued to this person'
                EQUALITY caseExactMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{64} SINGLE-VALUE )
            objectclass ( 2.25.267928792999273344687276125163271449733.2 NAME 'staffCardHolder'
                DESC 'A person who holds a staff card' SUP top AUXILIARY MAY ( staffCardUserId ) )
            """;

    private final Process process;
    private final int port;

    private Slapd(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A staff member's directory entry. */
    record StaffEntry(String uid, String lastName, String firstName, String email, String staffNumber,
                      String cardUserId, String password) {
    }

    static boolean installed() {
        return Files.isExecutable(SLAPD) && Files.isExecutable(SLAPADD);
    }

    static Slapd start(Path folder, List<StaffEntry> staff) throws IOException, InterruptedException {
        Path data = Files.createDirectories(folder.resolve("data"));
        Path schema = folder.resolve("staffcard.schema");
        Files.writeString(schema, STAFF_CARD_SCHEMA);
        Path config = folder.resolve("slapd.conf");
        Files.writeString(config, String.join("\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "include " + schema,
                "pidfile " + folder.resolve("slapd.pid"),
                "argsfile " + folder.resolve("slapd.args"),
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "database mdb",
                "maxsize 10485760",
                "suffix \"" + SUFFIX + "\"",
                "rootdn \"" + ADMIN_DN + "\"",
                "rootpw " + ADMIN_PASSWORD,
                "directory " + data,
                "index objectClass eq",
                "index uid,staffCardUserId eq",
                ""));
        Path ldif = folder.resolve("staff.ldif");
        Files.writeString(ldif, ldif(staff), StandardCharsets.UTF_8);

        run(List.of(SLAPADD.toString(), "-f", config.toString(), "-l", ldif.toString()), folder.resolve("slapadd.log"));

        int port = freeLoopbackPort();
        // -d 0 keeps slapd in the foreground without debug output, so the process started here is the server.
        Process process = new ProcessBuilder(SLAPD.toString(), "-f", config.toString(),
                "-h", "ldap://127.0.0.1:" + port + "/", "-d", "0")
                .redirectErrorStream(true).redirectOutput(folder.resolve("slapd.log").toFile()).start();
        Slapd slapd = new Slapd(process, port);
        slapd.awaitListening(folder.resolve("slapd.log"));
        return slapd;
    }

    String url() {
        return "ldap://127.0.0.1:" + port;
    }

    static String dnOf(String uid) {
        return "uid=" + uid + "," + STAFF_DN;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitListening(Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("slapd ended at start: " + Files.readString(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("slapd did not listen on 127.0.0.1:" + port + " within 20 s");
    }

    private static String ldif(List<StaffEntry> staff) {
        StringBuilder ldif = new StringBuilder()
                .append("dn: ").append(SUFFIX).append("\nobjectClass: dcObject\nobjectClass: organization\n")
                .append("dc: example\no: Example Prefecture\n\n")
                .append("dn: ").append(STAFF_DN).append("\nobjectClass: organizationalUnit\nou: staff\n\n");
        for (StaffEntry entry : staff) {
            ldif.append("dn: ").append(dnOf(entry.uid())).append('\n')
                    .append("objectClass: inetOrgPerson\nobjectClass: staffCardHolder\n");
            Map<String, String> values = new java.util.LinkedHashMap<>();
            values.put("uid", entry.uid());
            values.put("cn", entry.lastName() + " " + entry.firstName());
            values.put("sn", entry.lastName());
            values.put("givenName", entry.firstName());
            values.put("mail", entry.email());
            values.put("employeeNumber", entry.staffNumber());
            values.put("staffCardUserId", entry.cardUserId());
            // A clear-text userPassword keeps the fixture readable; slapd compares it on the user's bind as it
            // would a hashed one, and the directory lives only for this test.
            values.put("userPassword", entry.password());
            values.forEach((name, value) -> ldif.append(attribute(name, value)));
            ldif.append('\n');
        }
        return ldif.toString();
    }

    /** One LDIF line; values that are not plain ASCII are written in base64 as LDIF requires. */
    private static String attribute(String name, String value) {
        boolean plain = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !value.startsWith(" ")
                && !value.startsWith(":") && !value.startsWith("<");
        return plain ? name + ": " + value + "\n"
                : name + ":: " + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
