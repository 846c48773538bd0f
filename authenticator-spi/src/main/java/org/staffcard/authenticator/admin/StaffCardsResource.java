package org.staffcard.authenticator.admin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffcard.authenticator.RealmCardCertificates;
import org.staffcard.authenticator.credential.CardBindingException;
import org.staffcard.authenticator.credential.CardBindings;
import org.staffcard.authenticator.credential.CardProfile;
import org.staffcard.authenticator.credential.CardRevocation;
import org.staffcard.authenticator.credential.CardSessions;
import org.staffcard.authenticator.credential.CardUserIdMalformedException;
import org.staffcard.authenticator.credential.EnrolmentCodes;
import org.staffcard.authenticator.credential.RevocationReason;
import org.staffcard.authenticator.credential.StaffCardCredentialModel;
import org.staffcard.authenticator.validation.CardAssertionValidator;
import org.staffcard.authenticator.validation.CardValidationException;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The staff card admin API, under {@code /realms/{realm}/staff-cards}: bind a card to an account, list an account's
 * cards, revoke one, and issue a one-time enrolment code. Reads need the caller to be allowed to view the user,
 * writes to manage the user (realm-management view-users, manage-users). Every write is an admin event naming the
 * caller, the card and, for a revocation, the reason.
 */
public final class StaffCardsResource {

    static final String EVENT_RESOURCE = "STAFF_CARD";
    static final int MAX_LABEL = 100;
    static final int MAX_NOTE = 200;
    static final long DEFAULT_VALID_HOURS = EnrolmentCodes.DEFAULT_LIFETIME.toHours();
    static final long MAX_VALID_HOURS = EnrolmentCodes.MAX_LIFETIME.toHours();

    private static final Logger LOG = Logger.getLogger(StaffCardsResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    StaffCardsResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    @Path("users/{user}/cards")
    @Produces(MediaType.APPLICATION_JSON)
    public List<CardView> list(@PathParam("user") String userKey) {
        AdminPermissionEvaluator auth = AdminAccess.authenticate(session, realm);
        UserModel user = user(auth, userKey);
        auth.users().requireView(user);

        return CardBindings.cardsOf(user).stream().map(CardView::of).toList();
    }

    @POST
    @Path("users/{user}/cards")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response bind(@PathParam("user") String userKey, String body) {
        AdminPermissionEvaluator auth = AdminAccess.authenticate(session, realm);
        UserModel user = user(auth, userKey);
        auth.users().requireManage(user);

        RequestBody request = RequestBody.read(body, Set.of("cardUserId", "certificate", "profile", "label"));
        String cardUserId = request.requiredText("cardUserId", "card_user_id_missing");
        List<byte[]> chain = CertificateInput.read(request.requiredText("certificate", "certificate_missing"));
        CardProfile profile = request.text("profile").map(text -> CardProfile.parse(text).orElseThrow(() ->
                ApiErrors.badRequest("profile_unknown", "'profile' must be 'jpki' or 'piv'"))).orElse(null);
        String label = request.text("label").orElse(null);
        if (label != null && label.length() > MAX_LABEL) {
            throw ApiErrors.badRequest("label_too_long", "'label' is at most " + MAX_LABEL + " characters");
        }
        X509Certificate certificate = checkedCertificate(chain);

        StaffCardCredentialModel card;
        try {
            card = CardBindings.bind(session, realm, user,
                    new CardBindings.CardToBind(cardUserId, certificate, profile, label),
                    CardBindings.CardUserIdRule.ADD_TO_ACCOUNT);
        } catch (CardUserIdMalformedException e) {
            throw ApiErrors.badRequest(e.errorCode(), e.getMessage() + ": 1 to 64 of A-Z a-z 0-9 . _ -");
        } catch (CardBindingException e) {
            throw ApiErrors.conflict(e.errorCode(), e.getMessage());
        }

        Map<String, Object> what = describe("bind", card);
        adminEvent(auth, OperationType.CREATE, user, card.getId()).representation(what)
                .detail("card_user_id", cardUserId).success();
        LOG.infof("Card '%s' (certificate serial %s) bound to '%s' in realm '%s' by '%s'", cardUserId,
                card.data().serialHex(), user.getUsername(), realm.getName(), caller(auth));
        return Response.created(session.getContext().getUri().getAbsolutePathBuilder().path(card.getId()).build())
                .entity(CardView.of(card)).build();
    }

    @POST
    @Path("users/{user}/cards/{card}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CardView revoke(@PathParam("user") String userKey, @PathParam("card") String cardId, String body) {
        AdminPermissionEvaluator auth = AdminAccess.authenticate(session, realm);
        UserModel user = user(auth, userKey);
        auth.users().requireManage(user);

        RequestBody request = RequestBody.read(body, Set.of("reason", "note"));
        String reasonText = request.requiredText("reason", "reason_missing");
        RevocationReason reason = RevocationReason.parse(reasonText).orElseThrow(() -> ApiErrors.badRequest(
                "reason_unknown", "'reason' must be one of lost, stolen, replaced, other"));
        String note = request.text("note").orElse(null);
        if (note != null && note.length() > MAX_NOTE) {
            throw ApiErrors.badRequest("note_too_long", "'note' is at most " + MAX_NOTE + " characters");
        }
        StaffCardCredentialModel card = CardBindings.card(user, cardId).orElseThrow(() -> ApiErrors.notFound(
                "card_not_found", "account '" + user.getUsername() + "' has no card '" + cardId + "'"));

        StaffCardCredentialModel revoked;
        try {
            revoked = CardBindings.revoke(user, card,
                    new CardRevocation(reason, note, caller(auth), Time.currentTimeMillis()));
        } catch (CardBindingException e) {
            throw ApiErrors.conflict(e.errorCode(), e.getMessage());
        }
        int ended = CardSessions.end(session, realm, user, card.getId());

        Map<String, Object> what = describe("revoke", revoked);
        what.put("reason", reason.text());
        if (note != null) {
            what.put("note", note);
        }
        what.put("sessionsEnded", ended);
        AdminEventBuilder event = adminEvent(auth, OperationType.ACTION, user, card.getId()).representation(what)
                .detail("card_user_id", card.data().cardUserId()).detail("reason", reason.text());
        if (note != null) {
            event.detail("note", note);
        }
        event.success();
        LOG.infof("Card '%s' (certificate serial %s) of '%s' in realm '%s' revoked by '%s' (%s); %d session(s) ended",
                card.data().cardUserId(), card.data().serialHex(), user.getUsername(), realm.getName(), caller(auth),
                reason.text(), ended);
        return CardView.of(revoked, ended);
    }

    @POST
    @Path("users/{user}/enrolment-code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issueEnrolmentCode(@PathParam("user") String userKey, String body) {
        AdminPermissionEvaluator auth = AdminAccess.authenticate(session, realm);
        UserModel user = user(auth, userKey);
        auth.users().requireManage(user);

        RequestBody request = RequestBody.read(body, Set.of("validHours"));
        long hours = request.number("validHours").orElse(DEFAULT_VALID_HOURS);
        if (hours < 1 || hours > MAX_VALID_HOURS) {
            throw ApiErrors.badRequest("valid_hours_out_of_range", "'validHours' must be 1 to " + MAX_VALID_HOURS);
        }

        EnrolmentCodes.IssuedCode issued = EnrolmentCodes.issue(user, Duration.ofHours(hours), caller(auth));

        Map<String, Object> what = new LinkedHashMap<>();
        what.put("action", "issue-enrolment-code");
        what.put("expiresAt", issued.expiresAt().toString());
        adminEvent(auth, OperationType.CREATE, user, "enrolment-code").representation(what).success();
        LOG.infof("Card enrolment code for '%s' in realm '%s' issued by '%s', valid until %s", user.getUsername(),
                realm.getName(), caller(auth), issued.expiresAt());
        // Shown this once: the server keeps only its hash, so the answer must not be stored by any cache.
        return Response.status(Response.Status.CREATED).header("Cache-Control", "no-store")
                .entity(Map.of("code", issued.code(), "expiresAt", issued.expiresAt().toString())).build();
    }

    private UserModel user(AdminPermissionEvaluator auth, String key) {
        UserModel user = session.users().getUserById(realm, key);
        if (user == null) {
            user = session.users().getUserByUsername(realm, key);
        }
        if (user == null) {
            // As Keycloak's own admin API: only a caller who may search users learns that one does not exist.
            if (!auth.users().canQuery()) {
                throw new ForbiddenException();
            }
            throw ApiErrors.notFound("user_not_found", "no account '" + key + "' (id or username) in this realm");
        }
        return user;
    }

    /** The card's certificate, once it passes the rules of at least one card sign-in of the realm. */
    private X509Certificate checkedCertificate(List<byte[]> chain) {
        List<CardAssertionValidator> validators = RealmCardCertificates.validators(realm);
        if (validators.isEmpty()) {
            throw ApiErrors.conflict("card_login_not_configured", "no card sign-in with usable trust anchors is set "
                    + "up in realm '" + realm.getName() + "', so no certificate can be checked");
        }
        CardValidationException first = null;
        for (CardAssertionValidator validator : validators) {
            try {
                return validator.checkCertificate(chain);
            } catch (CardValidationException e) {
                first = first == null ? e : first;
            }
        }
        throw ApiErrors.badRequest(first.errorCode(), first.adminDetail());
    }

    private AdminEventBuilder adminEvent(AdminPermissionEvaluator auth, OperationType operation, UserModel user,
                                         String item) {
        return new AdminEventBuilder(realm, auth.adminAuth(), session, session.getContext().getConnection())
                .operation(operation).resource(EVENT_RESOURCE)
                .resourcePath("users", user.getId(), "staff-cards", item);
    }

    private static Map<String, Object> describe(String action, StaffCardCredentialModel card) {
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("action", action);
        what.put("cardId", card.getId());
        what.put("cardUserId", card.data().cardUserId());
        what.put("certificateIssuer", card.data().issuerDn());
        what.put("certificateSerial", card.data().serialHex());
        return what;
    }

    private static String caller(AdminPermissionEvaluator auth) {
        UserModel admin = auth.adminAuth().getUser();
        return admin == null ? "(unknown)" : admin.getUsername();
    }
}
