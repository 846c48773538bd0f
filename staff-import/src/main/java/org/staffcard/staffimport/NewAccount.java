package org.staffcard.staffimport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The account a row becomes, as Keycloak's user representation: user name from the staff number, the names, the
 * email, the staffNumber and cardUserId attributes and the department groups. No password: a staff member gets one
 * from the admin (a temporary password or an actions email), never from a file.
 */
final class NewAccount {

    private NewAccount() {
    }

    static ObjectNode of(StaffRow row) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode user = json.objectNode()
                .put("username", row.username())
                .put("email", row.email())
                .put("emailVerified", false)
                .put("firstName", row.firstName())
                .put("lastName", row.lastName())
                .put("enabled", true);
        ObjectNode attributes = user.putObject("attributes");
        attributes.putArray("staffNumber").add(row.staffNumber());
        attributes.putArray("cardUserId").add(row.cardUserId());
        ArrayNode groups = user.putArray("groups");
        row.groupPaths().forEach(groups::add);
        return user;
    }
}
