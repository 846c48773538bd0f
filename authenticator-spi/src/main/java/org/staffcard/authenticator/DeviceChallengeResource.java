package org.staffcard.authenticator;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.staffcard.protocol.Challenge;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /realms/{realm}/staff-card/challenge} with the form field {@code client_id}: a fresh challenge for a
 * device without a browser (a PC logon, a printer, an attendance terminal), the origin the card must sign it for and
 * whether the client's sign-in needs the password too. The device then redeems it at the token endpoint through the
 * card direct-grant authenticator.
 */
public final class DeviceChallengeResource implements RealmResourceProvider {

    /** A form with a client id fits in far less; a larger body is refused unread beyond this. */
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
    public Response challenge(InputStream body) throws IOException {
        RealmModel realm = session.getContext().getRealm();
        Map<String, String> form;
        try {
            form = BoundedForm.read(body, MAX_BODY_BYTES);
        } catch (BoundedForm.TooLargeException e) {
            return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, "invalid_request",
                    "The request is larger than " + MAX_BODY_BYTES + " bytes.");
        } catch (BoundedForm.MalformedException e) {
            return error(Response.Status.BAD_REQUEST, "invalid_request", "The request is not a form: "
                    + e.getMessage());
        }

        String clientId = form.get("client_id");
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

    /** An application/x-www-form-urlencoded body read up to a fixed size; a repeated field is refused. */
    static final class BoundedForm {

        private BoundedForm() {
        }

        static Map<String, String> read(InputStream body, int maxBytes) throws IOException, TooLargeException,
                MalformedException {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new TooLargeException();
            }
            Map<String, String> fields = new LinkedHashMap<>();
            String text = new String(bytes, StandardCharsets.US_ASCII);
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name;
                String value;
                try {
                    name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                    value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new MalformedException("a field is not URL-encoded");
                }
                // Two client ids in one request leave it open which one was meant; neither is guessed.
                if (fields.put(name, value) != null) {
                    throw new MalformedException("the field '" + CardLoginEvents.bounded(name) + "' is repeated");
                }
            }
            return fields;
        }

        static final class TooLargeException extends Exception {
            TooLargeException() {
                super("form too large");
            }
        }

        static final class MalformedException extends Exception {
            MalformedException(String message) {
                super(message);
            }
        }
    }
}
