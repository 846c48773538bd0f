package org.staffcard.staffimport;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaffFileTest {

    private static final String HEADER = "staffNumber,lastName,firstName,email,departments,cardUserId\n";

    @Test
    void readsAGoodRowIntoAnAccount() throws Exception {
        StaffFile file = read(HEADER + "A-10023,山田,太郎,Yamada.Taro@Example.lg.jp,総務部/人事課;情報政策課,S0012345\n");

        assertThat(file.problems()).isEmpty();
        StaffRow row = file.goodRows().get(0);
        assertThat(row.line()).isEqualTo(2);
        assertThat(row.username()).isEqualTo("a-10023");
        assertThat(row.lastName() + row.firstName()).isEqualTo("山田太郎");
        assertThat(row.email()).isEqualTo("yamada.taro@example.lg.jp");
        assertThat(row.groupPaths()).containsExactly("/総務部/人事課", "/情報政策課");
        assertThat(row.cardUserId()).isEqualTo("S0012345");
    }

    @Test
    void acceptsJapaneseHeadingsInAnyOrder() throws Exception {
        StaffFile file = read("カード利用者ID,姓,名,職員番号,メールアドレス,所属\nC1,佐藤,花子,B-1,hanako@example.jp,\n");

        assertThat(file.problems()).isEmpty();
        assertThat(file.goodRows().get(0).staffNumber()).isEqualTo("B-1");
        assertThat(file.goodRows().get(0).departments()).isEmpty();
    }

    @Test
    void reportsAMissingFieldWithItsLine() throws Exception {
        StaffFile file = read(HEADER + "A-1,山田,太郎,a@example.jp,,C1\nA-2,,花子,b@example.jp,,C2\n");

        assertThat(file.problems()).containsExactly(
                new RowProblem(3, Reason.MISSING_FIELD, "lastName is empty"));
        assertThat(file.goodRows()).extracting(StaffRow::staffNumber).containsExactly("A-1");
    }

    @Test
    void reportsABadEmail() throws Exception {
        assertThat(reasons(HEADER + "A-1,山田,太郎,yamada@,,C1\n")).containsExactly(Reason.MALFORMED_EMAIL);
        assertThat(reasons(HEADER + "A-1,山田,太郎,yamada@localhost,,C1\n")).containsExactly(Reason.MALFORMED_EMAIL);
        assertThat(reasons(HEADER + "A-1,山田,太郎,山田@example.jp,,C1\n")).containsExactly(Reason.MALFORMED_EMAIL);
    }

    @Test
    void reportsABadCardUserIdByTheCardProtocolRule() throws Exception {
        assertThat(reasons(HEADER + "A-1,山田,太郎,a@example.jp,,S 001\n"))
                .containsExactly(Reason.MALFORMED_CARD_USER_ID);
        assertThat(reasons(HEADER + "A-1,山田,太郎,a@example.jp,," + "x".repeat(65) + "\n"))
                .containsExactly(Reason.MALFORMED_CARD_USER_ID);
    }

    @Test
    void reportsABadStaffNumber() throws Exception {
        assertThat(reasons(HEADER + "A_1,山田,太郎,a@example.jp,,C1\n")).containsExactly(Reason.MALFORMED_STAFF_NUMBER);
    }

    @Test
    void reportsANameWithACharacterTheUserProfileRefuses() throws Exception {
        assertThat(reasons(HEADER + "A-1,<script>,太郎,a@example.jp,,C1\n")).containsExactly(Reason.MALFORMED_NAME);
    }

    @Test
    void reportsAnEmptyGroupNameInADepartmentPath() throws Exception {
        assertThat(reasons(HEADER + "A-1,山田,太郎,a@example.jp,総務部//人事課,C1\n"))
                .containsExactly(Reason.MALFORMED_DEPARTMENT);
    }

    @Test
    void reportsARowWithTheWrongNumberOfFields() throws Exception {
        StaffFile file = read(HEADER + "A-1,山田,太郎,a@example.jp,C1\n");

        assertThat(file.problems()).containsExactly(
                new RowProblem(2, Reason.WRONG_FIELD_COUNT, "5 fields where the header has 6"));
    }

    @Test
    void reportsEveryRowOfADuplicateStaffNumberIgnoringCase() throws Exception {
        StaffFile file = read(HEADER + "A-1,山田,太郎,a@example.jp,,C1\nB-1,佐藤,花子,b@example.jp,,C2\n"
                + "a-1,鈴木,一郎,c@example.jp,,C3\n");

        assertThat(file.problems()).containsExactly(
                new RowProblem(2, Reason.DUPLICATE_STAFF_NUMBER, "staff number \"A-1\" is also on line 4"),
                new RowProblem(4, Reason.DUPLICATE_STAFF_NUMBER, "staff number \"a-1\" is also on line 2"));
        assertThat(file.goodRows()).extracting(StaffRow::line).containsExactly(3);
    }

    @Test
    void reportsADuplicateEmail() throws Exception {
        assertThat(reasons(HEADER + "A-1,山田,太郎,a@example.jp,,C1\nA-2,山田,次郎,A@example.jp,,C2\n"))
                .containsExactly(Reason.DUPLICATE_EMAIL, Reason.DUPLICATE_EMAIL);
    }

    @Test
    void reportsACardUserIdThatDiffersOnlyInCase() throws Exception {
        StaffFile file = read(HEADER + "A-1,山田,太郎,a@example.jp,,ab12cd\nA-2,山田,次郎,b@example.jp,,AB12CD\n"
                + "A-3,山田,三郎,c@example.jp,,ab12cd9\n");

        assertThat(file.problems()).extracting(RowProblem::line, RowProblem::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, Reason.DUPLICATE_CARD_USER_ID),
                org.assertj.core.groups.Tuple.tuple(3, Reason.DUPLICATE_CARD_USER_ID));
        assertThat(file.goodRows()).extracting(StaffRow::cardUserId).containsExactly("ab12cd9");
    }

    @Test
    void countsLinesOfQuotedMultiLineFieldsAndSkipsBlankLines() throws Exception {
        StaffFile file = read(HEADER + "\nA-1,山田,太郎,a@example.jp,\"総務部;\n情報政策課\",C1\nA-2,,x,b@example.jp,,C2\n");

        assertThat(file.problems()).extracting(RowProblem::line).containsExactly(5);
        assertThat(file.goodRows().get(0).line()).isEqualTo(3);
        assertThat(file.rowCount()).isEqualTo(2);
    }

    @Test
    void refusesAnUnknownColumn() {
        assertThatThrownBy(() -> read("staffNumber,lastName,firstName,email,departments,cardUserId,phone\n"))
                .isInstanceOf(CsvFormatException.class).hasMessageStartingWith("line 1: unknown column \"phone\"");
    }

    @Test
    void refusesAFileWithoutACardUserIdColumn() {
        assertThatThrownBy(() -> read("staffNumber,lastName,firstName,email,departments\n"))
                .isInstanceOf(CsvFormatException.class).hasMessageStartingWith("line 1: column cardUserId is missing");
    }

    private static List<Reason> reasons(String csv) throws Exception {
        return read(csv).problems().stream().map(RowProblem::reason).toList();
    }

    private static StaffFile read(String csv) throws Exception {
        return StaffFile.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
