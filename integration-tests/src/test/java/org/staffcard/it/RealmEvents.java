package org.staffcard.it;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.EventRepresentation;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The realm's event log as an admin reads it under Events: sign-in events and admin events. */
final class RealmEvents {

    private RealmEvents() {
    }

    /** The newest user event of this type; fails when there is none. */
    static EventRepresentation last(RealmResource realm, String type) {
        List<EventRepresentation> events = realm.getEvents(List.of(type), null, null, null, null, null, 0, 1);
        assertThat(events).as("a " + type + " event").isNotEmpty();
        return events.get(0);
    }

    /** The admin events of the staff-cards API: bindings, enrolment codes and revocations. */
    static List<AdminEventRepresentation> staffCardAdminEvents(RealmResource realm) {
        return realm.getAdminEvents().stream().filter(e -> "STAFF_CARD".equals(e.getResourceType())).toList();
    }
}
