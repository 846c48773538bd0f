package org.staffcard.staffimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code staff-import [options] FILE.csv}: imports staff accounts into a Keycloak realm. Exit status 0 when the
 * run did what was asked, 2 when bad rows stopped it (nothing written), 1 when the file or the server could not be
 * used.
 */
public final class StaffImportCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_ROWS = 2;

    private static final String USAGE = """
            Usage: staff-import [options] FILE.csv

            Imports staff accounts from a UTF-8 CSV file whose first line names the columns:
              staffNumber,lastName,firstName,email,departments,cardUserId
            (or 職員番号,姓,名,メールアドレス,所属,カード利用者ID). Departments are separated by ';',
            a sub-department follows its parent after '/': 総務部/人事課;情報政策課

            Options:
              --server URL         Keycloak's address (default http://localhost:8080)
              --realm NAME         the realm to import into (default staff)
              --auth-realm NAME    the realm the admin credentials belong to (default master)
              --dry-run            check every row against the file and the realm, write nothing
              --import-good-rows   import the good rows even when some rows are bad
              --batch-size N       accounts per request (default 50)

            Credentials come from the environment, never the command line:
              STAFF_IMPORT_CLIENT_ID and STAFF_IMPORT_CLIENT_SECRET (a service-account client), or
              STAFF_IMPORT_USER and STAFF_IMPORT_PASSWORD (an admin user); missing ones are asked for.
            """;

    private StaffImportCommand() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return FAILED;
        }
        if (line.help()) {
            out.print(USAGE);
            return OK;
        }

        AdminCredentials credentials = AdminCredentials.find(line.authRealm(), System.getenv(), System.console());
        if (credentials == null) {
            err.println("No admin credentials: set " + AdminCredentials.USER + " and " + AdminCredentials.PASSWORD
                    + ", or " + AdminCredentials.CLIENT_ID + " and " + AdminCredentials.CLIENT_SECRET
                    + ", or run on a terminal to be asked.");
            return FAILED;
        }

        StaffImport staffImport = new StaffImport(new AdminApi(line.server(), line.realm(), credentials), out, err);
        try (InputStream csv = Files.newInputStream(line.file())) {
            ImportOutcome outcome = staffImport.run(csv, line.options());
            return outcome.wroteNothingBecauseOfProblems() ? BAD_ROWS : OK;
        } catch (NoSuchFileException e) {
            err.println("No such file: " + line.file());
        } catch (IOException e) {
            err.println("Cannot read " + line.file() + ": " + e.getMessage());
        } catch (CsvFormatException e) {
            err.println(line.file() + ": " + e.getMessage());
        } catch (AdminApiException e) {
            err.println(e.getMessage());
        }
        return FAILED;
    }

    /** The parsed arguments. */
    record CommandLine(String server, String realm, String authRealm, ImportOptions options, Path file,
                       boolean help) {

        static CommandLine parse(String[] args) {
            String server = "http://localhost:8080";
            String realm = "staff";
            String authRealm = "master";
            boolean dryRun = false;
            boolean goodRowsOnly = false;
            int batchSize = ImportOptions.DEFAULT_BATCH_SIZE;
            Path file = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> {
                        return new CommandLine(server, realm, authRealm, ImportOptions.defaults(), null, true);
                    }
                    case "--server" -> server = value(args, ++i, arg);
                    case "--realm" -> realm = value(args, ++i, arg);
                    case "--auth-realm" -> authRealm = value(args, ++i, arg);
                    case "--dry-run" -> dryRun = true;
                    case "--import-good-rows" -> goodRowsOnly = true;
                    case "--batch-size" -> batchSize = number(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-") || file != null) {
                            throw new IllegalArgumentException("Unknown argument: " + arg);
                        }
                        file = Path.of(arg);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("Name the CSV file to import.");
            }
            return new CommandLine(server, realm, authRealm, new ImportOptions(dryRun, goodRowsOnly, batchSize),
                    file, false);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int number(String value) {
            try {
                int n = Integer.parseInt(value);
                if (n < 1 || n > ImportOptions.MAX_BATCH_SIZE) {
                    throw new IllegalArgumentException("--batch-size is 1 to " + ImportOptions.MAX_BATCH_SIZE);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--batch-size needs a number, not " + value);
            }
        }
    }
}
