package org.staffcard.staffimport;

import java.util.ArrayList;
import java.util.List;

/**
 * The good rows of a file set against the realm: the rows that become new accounts, the rows whose staff number an
 * account already has (left as they are, so a second run creates nothing twice), and the rows that clash with an
 * account of another staff member.
 */
public record ImportPlan(List<StaffRow> newRows, List<StaffRow> alreadyPresent, List<RowProblem> problems) {

    public ImportPlan {
        newRows = List.copyOf(newRows);
        alreadyPresent = List.copyOf(alreadyPresent);
        problems = List.copyOf(problems);
    }

    static ImportPlan of(List<StaffRow> rows, ExistingStaff realm) {
        List<StaffRow> fresh = new ArrayList<>();
        List<StaffRow> present = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        for (StaffRow row : rows) {
            ExistingAccount same = realm.withStaffNumber(row.staffNumber()).orElse(null);
            int before = problems.size();

            realm.holdingCardUserId(row.cardUserId()).filter(other -> other != same).ifPresent(other ->
                    problems.add(new RowProblem(row.line(), Reason.CARD_USER_ID_HELD_BY_ANOTHER_ACCOUNT,
                            "\"" + row.cardUserId() + "\" is held by " + describe(other))));
            realm.withEmail(row.email()).filter(other -> other != same).ifPresent(other ->
                    problems.add(new RowProblem(row.line(), Reason.EMAIL_HELD_BY_ANOTHER_ACCOUNT,
                            "\"" + row.email() + "\" is held by " + describe(other))));
            realm.withUsername(row.username()).filter(other -> other != same).ifPresent(other ->
                    problems.add(new RowProblem(row.line(), Reason.USERNAME_HELD_BY_ANOTHER_ACCOUNT,
                            "\"" + row.username() + "\" is held by " + describe(other))));

            if (problems.size() > before) {
                continue;
            }
            (same == null ? fresh : present).add(row);
        }
        return new ImportPlan(fresh, present, problems);
    }

    private static String describe(ExistingAccount account) {
        String number = account.staffNumber() == null ? "no staff number" : "staff number " + account.staffNumber();
        return "account \"" + account.username() + "\" (" + number + ")";
    }
}
