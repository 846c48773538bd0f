package org.staffcard.staffimport;

import java.util.List;
import java.util.Locale;

/**
 * One well-formed staff row. Departments are group paths of one or more names joined by '/', for example
 * {@code 総務部/人事課}; the account's user name is the staff number in lower case, as Keycloak keeps user names.
 */
public record StaffRow(int line, String staffNumber, String lastName, String firstName, String email,
                       List<List<String>> departments, String cardUserId) {

    public StaffRow {
        departments = departments.stream().map(List::copyOf).toList();
    }

    public String username() {
        return staffNumber.toLowerCase(Locale.ROOT);
    }

    /** The departments as Keycloak group paths, {@code /総務部/人事課}. */
    public List<String> groupPaths() {
        return departments.stream().map(path -> "/" + String.join("/", path)).toList();
    }
}
