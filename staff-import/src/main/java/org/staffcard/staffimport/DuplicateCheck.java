package org.staffcard.staffimport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds values that appear on more than one row of the file. Every row of such a group is refused, not only the
 * later ones: the tool cannot know which of two rows with one card user ID is right, and guessing would bind a card
 * to the wrong person. Values are compared ignoring case, as the realm compares user names, emails and card user IDs.
 */
final class DuplicateCheck {

    private DuplicateCheck() {
    }

    static void check(List<StaffRow> rows, List<RowProblem> problems) {
        find(rows, StaffRow::staffNumber, Reason.DUPLICATE_STAFF_NUMBER, "staff number", problems);
        find(rows, StaffRow::email, Reason.DUPLICATE_EMAIL, "email", problems);
        find(rows, StaffRow::cardUserId, Reason.DUPLICATE_CARD_USER_ID, "card user ID", problems);
    }

    private static void find(List<StaffRow> rows, Function<StaffRow, String> key, Reason reason, String what,
                             List<RowProblem> problems) {
        Map<String, List<Integer>> lines = new LinkedHashMap<>();
        for (StaffRow row : rows) {
            lines.computeIfAbsent(key.apply(row).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(row.line());
        }

        for (StaffRow row : rows) {
            List<Integer> same = lines.get(key.apply(row).toLowerCase(Locale.ROOT));
            if (same.size() > 1) {
                List<String> others = same.stream().filter(l -> l != row.line()).map(String::valueOf).toList();
                problems.add(new RowProblem(row.line(), reason, what + " \"" + key.apply(row) + "\" is also on line"
                        + (others.size() > 1 ? "s " : " ") + String.join(", ", others)));
            }
        }
    }
}
