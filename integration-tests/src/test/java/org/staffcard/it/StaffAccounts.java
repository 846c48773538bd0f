package org.staffcard.it;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Looks at staff accounts the way an admin checks an import: by staff number, with attributes and groups. */
final class StaffAccounts {

    private StaffAccounts() {
    }

    /** The one account with this staff number, read in full (attributes included); fails when not exactly one. */
    static UserRepresentation withStaffNumber(RealmResource realm, String staffNumber) {
        List<UserRepresentation> found = realm.users().searchByAttributes("staffNumber:" + staffNumber);
        assertThat(found).as("accounts with staff number " + staffNumber).hasSize(1);
        return realm.users().get(found.get(0).getId()).toRepresentation();
    }

    /** The full paths of the groups the account is a direct member of, such as {@code /総務部/人事課}. */
    static List<String> groupPaths(RealmResource realm, UserRepresentation user) {
        return realm.users().get(user.getId()).groups().stream().map(GroupRepresentation::getPath).toList();
    }
}
