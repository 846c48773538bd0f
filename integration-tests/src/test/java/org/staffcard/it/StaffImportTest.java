package org.staffcard.it;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.staffimport.ImportOptions;
import org.staffcard.staffimport.ImportOutcome;
import org.staffcard.staffimport.Reason;
import org.staffcard.staffimport.RowProblem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The staff import command against the real Keycloak distribution with the staff realm: a file with bad rows writes
 * nothing, the good-rows option writes exactly the good rows with their groups and attributes, and a second run of
 * the same file doubles nothing. Each test uses its own staff numbers, so they share the realm without clashing.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class StaffImportTest {

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    private final StaffImportRun importRun = new StaffImportRun();

    @Test
    void badRowsAreReportedByLineAndNothingIsWritten() throws Exception {
        int accountsBefore = realm.admin().users().count();

        ImportOutcome outcome = run(mixedFile("N"), ImportOptions.defaults());

        assertThat(outcome.wroteNothingBecauseOfProblems()).isTrue();
        assertThat(outcome.problems()).extracting(RowProblem::line, RowProblem::reason).containsExactly(
                tuple(3, Reason.MALFORMED_EMAIL),
                tuple(4, Reason.CARD_USER_ID_HELD_BY_ANOTHER_ACCOUNT),
                tuple(5, Reason.MISSING_FIELD),
                tuple(6, Reason.DUPLICATE_CARD_USER_ID),
                tuple(7, Reason.DUPLICATE_CARD_USER_ID));
        assertThat(report()).contains("line 4: card user ID held by another account: \"s0012345\" is held by"
                + " account \"yamada.taro\"");
        assertThat(realm.admin().users().count()).isEqualTo(accountsBefore);
        assertThat(realm.admin().users().searchByAttributes("staffNumber:N-1")).isEmpty();
        assertThat(realm.admin().groups().groups("情報政策課N", 0, 10)).isEmpty();
    }

    @Test
    void goodRowsOptionImportsTheGoodRowsWithGroupsAndAttributes() throws Exception {
        ImportOutcome outcome = run(mixedFile("G"), new ImportOptions(false, true, 1));

        assertThat(outcome.written()).isEqualTo(2);
        assertThat(outcome.groupsCreated())
                .containsExactly("/総務部G", "/総務部G/人事課", "/総務部G/人事課/給与係", "/情報政策課G");
        UserRepresentation first = onlyAccountWithStaffNumber("G-1");
        assertThat(first.getUsername()).isEqualTo("g-1");
        assertThat(first.getLastName() + " " + first.getFirstName()).isEqualTo("佐藤 花子");
        assertThat(first.getEmail()).isEqualTo("hanako.g@example.lg.jp");
        assertThat(first.getAttributes().get("cardUserId")).containsExactly("CARD-G1");
        assertThat(groupsOf(first)).containsExactlyInAnyOrder("/総務部G/人事課/給与係", "/情報政策課G");
        assertThat(groupsOf(onlyAccountWithStaffNumber("G-2"))).containsExactly("/情報政策課G");
        assertThat(realm.admin().users().searchByAttributes("staffNumber:G-3")).isEmpty();
    }

    @Test
    void runningTheSameFileAgainCreatesNoDuplicates() throws Exception {
        String file = mixedFile("R");
        ImportOutcome first = run(file, new ImportOptions(false, true, ImportOptions.DEFAULT_BATCH_SIZE));
        int accountsAfterFirst = realm.admin().users().count();
        int groupsAfterFirst = realm.admin().groups().count().get("count").intValue();

        ImportOutcome second = run(file, new ImportOptions(false, true, ImportOptions.DEFAULT_BATCH_SIZE));

        assertThat(first.written()).isEqualTo(2);
        assertThat(second.written()).isZero();
        assertThat(second.alreadyPresent()).isEqualTo(2);
        assertThat(second.groupsCreated()).isEmpty();
        assertThat(realm.admin().users().count()).isEqualTo(accountsAfterFirst);
        assertThat(realm.admin().groups().count().get("count").intValue()).isEqualTo(groupsAfterFirst);
        assertThat(realm.admin().users().searchByAttributes("staffNumber:R-1")).hasSize(1);
    }

    @Test
    void dryRunReportsWhatItWouldCreateAndWritesNothing() throws Exception {
        int accountsBefore = realm.admin().users().count();

        ImportOutcome outcome = run(goodRowsOf("D"), new ImportOptions(true, false, ImportOptions.DEFAULT_BATCH_SIZE));

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.written()).isZero();
        assertThat(report()).contains("Dry run, nothing written: would create 2 accounts and 4 department groups");
        assertThat(realm.admin().users().count()).isEqualTo(accountsBefore);
    }

    /**
     * Two good rows and five bad ones; {@code p} makes the staff numbers, emails, card user IDs and top departments
     * of one test its own.
     */
    private static String mixedFile(String p) {
        String l = p.toLowerCase(java.util.Locale.ROOT);
        return "staffNumber,lastName,firstName,email,departments,cardUserId\n"
                + p + "-1,佐藤,花子,hanako." + l + "@example.lg.jp,総務部" + p + "/人事課/給与係;情報政策課" + p + ",CARD-" + p + "1\n"
                + p + "-3,鈴木,一郎,not-an-email,情報政策課" + p + ",CARD-" + p + "3\n"
                + p + "-4,高橋,次郎,jiro." + l + "@example.lg.jp,情報政策課" + p + ",s0012345\n"
                + p + "-5,,三郎,saburo." + l + "@example.lg.jp,情報政策課" + p + ",CARD-" + p + "5\n"
                + p + "-6,伊藤,四郎,shiro." + l + "@example.lg.jp,,CARD-" + p + "6\n"
                + p + "-7,渡辺,五郎,goro." + l + "@example.lg.jp,,card-" + p + "6\n"
                + p + "-2,田中,美咲,misaki." + l + "@example.lg.jp,情報政策課" + p + ",CARD-" + p + "2\n";
    }

    private static String goodRowsOf(String p) {
        return mixedFile(p).lines().filter(line -> line.startsWith("staffNumber") || line.startsWith(p + "-1,")
                || line.startsWith(p + "-2,")).map(line -> line + "\n").reduce("", String::concat);
    }

    private ImportOutcome run(String csv, ImportOptions options) throws Exception {
        return importRun.run(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), options);
    }

    private String report() {
        return importRun.report();
    }

    private UserRepresentation onlyAccountWithStaffNumber(String staffNumber) {
        return StaffAccounts.withStaffNumber(realm.admin(), staffNumber);
    }

    private List<String> groupsOf(UserRepresentation user) {
        return StaffAccounts.groupPaths(realm.admin(), user);
    }
}
