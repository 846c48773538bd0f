package org.staffcard.it;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff accounts as an admin makes and checks them: created with a password and, when given, a card user ID; looked
 * up by staff number, with attributes and groups.
 */
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

    /** Creates an enabled account with a lasting password and, when not null, a card user ID; answers its id. */
    static String create(RealmResource realm, String username, String password, String cardUserId) {
        try (Response created = realm.users().create(representation(username, password, cardUserId))) {
            assertThat(created.getStatus()).as("creating " + username).isEqualTo(201);
            String path = created.getLocation().getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /**
     * Creates such an account under a user name made from {@code name} that no other test run has used, so a test
     * that runs again against the same realm never meets its earlier accounts; answers the user name.
     */
    static String createUnique(RealmResource realm, String name, String password, String cardUserId) {
        String username = name + "." + Long.toString(System.nanoTime(), 36);
        create(realm, username, password, cardUserId);
        return username;
    }

    /** The account {@link #create} makes, for a caller that adds credentials of its own before creating it. */
    static UserRepresentation representation(String username, String password, String cardUserId) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName("花子");
        user.setLastName("佐藤");
        user.setEmail(username + "@example.lg.jp");
        if (cardUserId != null) {
            user.setAttributes(Map.of("cardUserId", List.of(cardUserId)));
        }
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        return user;
    }
}
