package org.staffcard.staffimport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImportPlanTest {

    private static final ExistingStaff REALM = new ExistingStaff(List.of(
            new ExistingAccount("1", "yamada.taro", "yamada.taro@example.lg.jp", "A-10023", List.of("S0012345")),
            new ExistingAccount("2", "b-7", null, null, List.of())));

    @Test
    void leavesARowWhoseStaffNumberAnAccountHasAlready() {
        ImportPlan plan = ImportPlan.of(List.of(row(2, "a-10023", "yamada.taro@example.lg.jp", "s0012345")), REALM);

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.alreadyPresent()).extracting(StaffRow::line).containsExactly(2);
        assertThat(plan.newRows()).isEmpty();
    }

    @Test
    void refusesACardUserIdAnotherAccountHoldsIgnoringCase() {
        ImportPlan plan = ImportPlan.of(List.of(row(7, "C-1", "c1@example.jp", "s0012345")), REALM);

        assertThat(plan.problems()).containsExactly(new RowProblem(7, Reason.CARD_USER_ID_HELD_BY_ANOTHER_ACCOUNT,
                "\"s0012345\" is held by account \"yamada.taro\" (staff number A-10023)"));
        assertThat(plan.newRows()).isEmpty();
    }

    @Test
    void refusesAnEmailAnotherAccountHolds() {
        ImportPlan plan = ImportPlan.of(List.of(row(3, "C-1", "yamada.taro@example.lg.jp", "C1")), REALM);

        assertThat(plan.problems()).extracting(RowProblem::reason)
                .containsExactly(Reason.EMAIL_HELD_BY_ANOTHER_ACCOUNT);
    }

    @Test
    void refusesAStaffNumberWhoseUserNameAnAccountWithoutThatStaffNumberHolds() {
        ImportPlan plan = ImportPlan.of(List.of(row(4, "B-7", "b7@example.jp", "C7")), REALM);

        assertThat(plan.problems()).containsExactly(new RowProblem(4, Reason.USERNAME_HELD_BY_ANOTHER_ACCOUNT,
                "\"b-7\" is held by account \"b-7\" (no staff number)"));
    }

    @Test
    void plansANewAccountForARowThatClashesWithNothing() {
        ImportPlan plan = ImportPlan.of(List.of(row(5, "C-2", "c2@example.jp", "C2")), REALM);

        assertThat(plan.newRows()).extracting(StaffRow::line).containsExactly(5);
        assertThat(plan.problems()).isEmpty();
    }

    private static StaffRow row(int line, String staffNumber, String email, String cardUserId) {
        return new StaffRow(line, staffNumber, "山田", "太郎", email, List.of(List.of("総務部")), cardUserId);
    }
}
