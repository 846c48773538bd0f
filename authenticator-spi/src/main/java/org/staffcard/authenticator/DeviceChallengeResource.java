package org.staffcard.authenticator;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.staffcard.protocol.Challenge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /realms/{realm}/staff-card/challenge} with the form field {@code client_id}: a fresh challenge for a
 * device without a browser (a PC logon, a printer, an attendance terminal), the origin the card must sign it for and
 * whether the client's sign-in needs the password too. The device then redeems it at the token endpoint through the
 * card direct-grant authenticator.
 * <p>
 * The endpoint has no rate limit of its own: anyone who knows a device client's id can have challenges issued, each
 * a small entry in the cluster's single-use store for three minutes, so a flood grows that store until the entries
 * expire. A rate limit per source address belongs in the reverse proxy in front of Keycloak (docs/devices.md).
 */
public final class DeviceChallengeResource implements RealmResourceProvider {

    /** A form with a client id fits in far less; a larger body is refused. */
    static final int MAX_BODY_BYTES = 1024;

    private static final Logger LOG = Logger.getLogger(DeviceChallengeResource.class);

    private final KeycloakSession session;

    DeviceChallengeResource(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return this;
    }

    @POST
    @Path("challenge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response challenge() {
        RealmModel realm = session.getContext().getRealm();
        HttpRequest request = session.getContext().getHttpRequest();
        if (declaredLength(request) > MAX_BODY_BYTES) {
            return tooLarge();
        }
        MultivaluedMap<String, String> form = request.getDecodedFormParameters();
        // A body without a declared length (chunked) is measured once the server has read it.
        long size = form.entrySet().stream()
                .mapToLong(e -> e.getKey().length() + e.getValue().stream().mapToLong(String::length).sum())
                .sum();
        if (size > MAX_BODY_BYTES) {
            return tooLarge();
        }
        List<String> clientIds = form.getOrDefault("client_id", List.of());
        if (clientIds.size() != 1) {
            // Two client ids in one request leave it open which one was meant; neither is guessed.
            return error(Response.Status.BAD_REQUEST, "invalid_request", "Give client_id exactly once.");
        }

        String clientId = clientIds.get(0);
        DeviceClients.Lookup lookup = DeviceClients.find(realm, clientId);
        if (lookup instanceof DeviceClients.Lookup.Refused refused) {
            LOG.debugf("Device challenge refused in realm '%s' for client '%s': %s", realm.getName(),
                    CardLoginEvents.bounded(clientId), refused.reason());
            return error(Response.Status.BAD_REQUEST, "invalid_client",
                    "This client is unknown, disabled or not set up for card sign-in on devices.");
        }
        DeviceClients.Lookup.Device device = (DeviceClients.Lookup.Device) lookup;

        Challenge challenge = DeviceChallenges.issue(session, realm, device.client());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("challenge", challenge.text());
        answer.put("expires_in", DeviceChallenges.LIFETIME.toSeconds());
        answer.put("origin", ServerOrigin.of(session.getContext().getUri().getBaseUri()));
        answer.put("password_required", device.level().needsPassword());
        answer.put("acr", device.level().acr());
        LOG.debugf("Device challenge issued in realm '%s' to client '%s'", realm.getName(), clientId);
        return Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore()).build();
    }

    private static Response error(Response.Status status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore())
                .entity(Map.of("error", error, "error_description", description)).build();
    }

    private static CacheControl noStore() {
        CacheControl control = new CacheControl();
        control.setNoStore(true);
        return control;
    }

    @Override
    public void close() {
    }

    private static long declaredLength(HttpRequest request) {
        String declared = request.getHttpHeaders().getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            return declared == null ? 0 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Response tooLarge() {
        return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, "invalid_request",
                "The request is larger than " + MAX_BODY_BYTES + " bytes.");
    }
}
