package org.staffcard.staffimport;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The columns of the staff CSV. The header row names them, in any order, by their English name or the Japanese
 * heading an HR spreadsheet is likely to carry already.
 */
public enum StaffColumn {

    STAFF_NUMBER("staffNumber", "職員番号"),
    LAST_NAME("lastName", "姓"),
    FIRST_NAME("firstName", "名"),
    EMAIL("email", "メールアドレス"),
    DEPARTMENTS("departments", "所属"),
    CARD_USER_ID("cardUserId", "カード利用者ID");

    private final String english;
    private final String japanese;

    StaffColumn(String english, String japanese) {
        this.english = english;
        this.japanese = japanese;
    }

    public String heading() {
        return english;
    }

    static StaffColumn named(String heading) {
        String trimmed = heading.strip();
        for (StaffColumn column : values()) {
            if (column.english.toLowerCase(Locale.ROOT).equals(trimmed.toLowerCase(Locale.ROOT))
                    || column.japanese.equals(trimmed)) {
                return column;
            }
        }
        return null;
    }

    static List<String> headings() {
        return Arrays.stream(values()).map(c -> c.english + " (" + c.japanese + ")").toList();
    }
}
