package org.staffcard.it;

import org.staffcard.staffimport.AdminApi;
import org.staffcard.staffimport.AdminApiException;
import org.staffcard.staffimport.AdminCredentials;
import org.staffcard.staffimport.CsvFormatException;
import org.staffcard.staffimport.ImportOptions;
import org.staffcard.staffimport.ImportOutcome;
import org.staffcard.staffimport.StaffImport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The staff import command's work run in the test's JVM against the test server's staff realm, signed in as the
 * framework's bootstrap admin client, keeping the report it prints so a test can read what an admin would.
 */
final class StaffImportRun {

    /** The master realm's bootstrap client that the test framework creates with the server. */
    static final AdminCredentials FRAMEWORK_ADMIN = AdminCredentials.ofClient("master", "temp-admin", "mysecret");

    private final ByteArrayOutputStream report = new ByteArrayOutputStream();

    /** Imports one file; the report of an earlier run is forgotten. */
    ImportOutcome run(InputStream csv, ImportOptions options)
            throws IOException, CsvFormatException, AdminApiException {
        report.reset();
        AdminApi api = new AdminApi(CardStack.KEYCLOAK_ORIGIN, "staff", FRAMEWORK_ADMIN);
        PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8);
        return new StaffImport(api, out, System.err).run(csv, options);
    }

    /** What the last run printed on standard output: one line per bad row, then the summary. */
    String report() {
        return report.toString(StandardCharsets.UTF_8);
    }
}
