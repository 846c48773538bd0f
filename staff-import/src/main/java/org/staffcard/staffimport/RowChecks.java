package org.staffcard.staffimport;

import org.staffcard.protocol.CardUserId;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks of one row on its own: every field present and of the form the staff realm's user profile demands.
 * Keycloak's partial import writes accounts without running the user profile's validators, so the rules the admin
 * console would apply are applied here instead, before anything is written.
 */
final class RowChecks {

    /** The staff realm's user profile pattern for staffNumber. */
    private static final Pattern STAFF_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,32}");

    /**
     * An address of the form people and mail servers use: a dot-atom local part, '@', and a domain of at least two
     * labels. Quoted local parts and address literals are legal but refused: no staff directory issues them, and
     * such a value is far more likely a paste error.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    /** The characters Keycloak's person-name validator refuses in first and last names, and control characters. */
    private static final Pattern NAME_REFUSED = Pattern.compile("[<>&\"$%!#?§;*~/\\\\|^=\\[\\]{}()\\p{Cntrl}]");

    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_EMAIL_LENGTH = 254;
    static final char DEPARTMENT_SEPARATOR = ';';
    static final char GROUP_PATH_SEPARATOR = '/';

    private RowChecks() {
    }

    /** Answers the row, or adds to {@code problems} every fault found in it and answers null. */
    static StaffRow check(CsvRecord record, StaffHeader header, List<RowProblem> problems) {
        int line = record.line();
        if (record.fields().size() != header.width()) {
            problems.add(new RowProblem(line, Reason.WRONG_FIELD_COUNT,
                    record.fields().size() + " fields where the header has " + header.width()));
            return null;
        }

        int before = problems.size();
        String staffNumber = required(record, header, StaffColumn.STAFF_NUMBER, problems);
        String lastName = required(record, header, StaffColumn.LAST_NAME, problems);
        String firstName = required(record, header, StaffColumn.FIRST_NAME, problems);
        String email = required(record, header, StaffColumn.EMAIL, problems);
        String cardUserId = required(record, header, StaffColumn.CARD_USER_ID, problems);
        String departments = header.value(record, StaffColumn.DEPARTMENTS);

        if (staffNumber != null && !STAFF_NUMBER.matcher(staffNumber).matches()) {
            problems.add(new RowProblem(line, Reason.MALFORMED_STAFF_NUMBER, "\"" + staffNumber
                    + "\" is not 1 to 32 characters of A-Z, a-z, 0-9 and '-'"));
        }
        checkName(line, "lastName", lastName, problems);
        checkName(line, "firstName", firstName, problems);
        if (email != null && (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches())) {
            problems.add(new RowProblem(line, Reason.MALFORMED_EMAIL, "\"" + email + "\" is not an email address"));
        }
        if (cardUserId != null && !CardUserId.isWellFormed(cardUserId)) {
            problems.add(new RowProblem(line, Reason.MALFORMED_CARD_USER_ID, "\"" + cardUserId
                    + "\" is not 1 to " + CardUserId.MAX_LENGTH + " characters of A-Z, a-z, 0-9, '.', '_' and '-'"));
        }
        List<List<String>> groups = departments(line, departments, problems);

        if (problems.size() > before) {
            return null;
        }
        return new StaffRow(line, staffNumber, lastName, firstName, email.toLowerCase(Locale.ROOT),
                groups, cardUserId);
    }

    private static String required(CsvRecord record, StaffHeader header, StaffColumn column,
                                   List<RowProblem> problems) {
        String value = header.value(record, column);
        if (value.isEmpty()) {
            problems.add(new RowProblem(record.line(), Reason.MISSING_FIELD, column.heading() + " is empty"));
            return null;
        }
        return value;
    }

    private static void checkName(int line, String column, String name, List<RowProblem> problems) {
        if (name == null) {
            return;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            problems.add(new RowProblem(line, Reason.MALFORMED_NAME, column + " is longer than " + MAX_NAME_LENGTH
                    + " characters"));
        } else if (NAME_REFUSED.matcher(name).find()) {
            problems.add(new RowProblem(line, Reason.MALFORMED_NAME, column + " \"" + name
                    + "\" holds a character names may not hold: < > & \" $ % ! # ? § ; * ~ / \\ | ^ = [ ] { } ( )"));
        }
    }

    /** Departments separated by ';', each a group path of names separated by '/'; none is required. */
    private static List<List<String>> departments(int line, String value, List<RowProblem> problems) {
        List<List<String>> paths = new ArrayList<>();
        for (String department : value.split(String.valueOf(DEPARTMENT_SEPARATOR), -1)) {
            if (department.isBlank()) {
                continue;
            }
            List<String> path = new ArrayList<>();
            for (String name : department.split(String.valueOf(GROUP_PATH_SEPARATOR), -1)) {
                String group = name.strip();
                boolean unprintable = group.chars().anyMatch(Character::isISOControl);
                if (group.isEmpty() || group.length() > MAX_NAME_LENGTH || unprintable) {
                    problems.add(new RowProblem(line, Reason.MALFORMED_DEPARTMENT, "\"" + department.strip()
                            + "\" has an empty, overlong or unprintable group name"));
                    return List.of();
                }
                path.add(group);
            }
            if (!paths.contains(path)) {
                paths.add(path);
            }
        }
        return paths;
    }
}
