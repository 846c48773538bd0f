package org.staffcard.authenticator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Refuses, when an admin saves them, card sign-in settings that sign-in cannot use. Keycloak 26.7.3 stores an
 * authenticator's config without asking the authenticator, so this filter stands in front of the two admin calls
 * that store one (create for an execution, update by id), judges the body with {@link CardSettingsReview} and answers
 * 400 with every ERROR finding. Configs of other authenticators pass untouched, and so does every request whose caller
 * Keycloak would not let change the realm: Keycloak's own 401 or 403 answers those, and nothing about the settings is
 * said before the caller is known.
 */
@Provider
@Priority(Priorities.USER)
public final class CardSettingsSaveCheck implements ContainerRequestFilter {

    static final String ERROR_CODE = "invalid_card_settings";

    private static final Logger LOG = Logger.getLogger(CardSettingsSaveCheck.class);
    // A field this server version does not know must not let a body past the check.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Pattern CREATE = Pattern.compile("/?admin/realms/([^/]+)/authentication/executions/([^/]+)"
            + "/config/?");
    private static final Pattern UPDATE = Pattern.compile("/?admin/realms/([^/]+)/authentication/config/([^/]+)/?");
    private static final Set<String> CARD_AUTHENTICATORS = Set.of(CardPasswordAuthenticatorFactory.PROVIDER_ID,
            CardOnlyAuthenticatorFactory.PROVIDER_ID, CardDirectGrantAuthenticatorFactory.PROVIDER_ID);

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Optional<SaveRequest> save = SaveRequest.of(request.getMethod(), request.getUriInfo().getPath());
        if (save.isEmpty() || !request.hasEntity() || !carriesBearerToken(request)) {
            return;
        }

        // The body is read once here and handed on unchanged to Keycloak's resource.
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));

        KeycloakSession session = CDI.current().select(KeycloakSession.class).get();
        KeycloakSessionUtil.setKeycloakSession(session);
        if (!session.getTransactionManager().isActive()) {
            // Keycloak begins the request's transaction only when it invokes the resource; it keeps this one.
            session.getTransactionManager().begin();
        }
        RealmModel realm = session.realms().getRealmByName(save.get().realmName());
        if (realm == null || !save.get().isForCardAuthenticator(realm)
                || !RealmManagers.mayManage(session, realm)) {
            return;
        }

        AuthenticatorConfigRepresentation submitted;
        try {
            submitted = JSON.readValue(body, AuthenticatorConfigRepresentation.class);
        } catch (IOException e) {
            // Not a config at all: Keycloak's resource refuses it with its own answer.
            return;
        }
        List<CardSettingsReview.Finding> errors = CardSettingsReview.review(
                CardAuthenticatorConfig.of(model(submitted))).stream()
                .filter(finding -> finding.level() == CardSettingsReview.Level.ERROR).toList();
        if (errors.isEmpty()) {
            return;
        }

        String description = errors.stream()
                .map(finding -> finding.key() + ": " + finding.problem() + ". " + finding.fix())
                .collect(Collectors.joining("; "));
        LOG.warnf("Card sign-in settings refused at save in realm '%s', authenticator config '%s': %s",
                realm.getName(), submitted.getAlias(), description);
        request.abortWith(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JSON.writeValueAsString(Map.of("error", ERROR_CODE, "error_description", description)))
                .build());
    }

    private static boolean carriesBearerToken(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static AuthenticatorConfigModel model(AuthenticatorConfigRepresentation submitted) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setAlias(submitted.getAlias());
        model.setConfig(submitted.getConfig() == null ? Map.of() : submitted.getConfig());
        return model;
    }

    /** One of the two admin calls that store an authenticator config, and what it names. */
    private record SaveRequest(String realmName, String executionId, String configId) {

        static Optional<SaveRequest> of(String method, String path) {
            Matcher create = CREATE.matcher(path);
            if (HttpMethod.POST.equals(method) && create.matches()) {
                return Optional.of(new SaveRequest(create.group(1), create.group(2), null));
            }
            Matcher update = UPDATE.matcher(path);
            if (HttpMethod.PUT.equals(method) && update.matches()) {
                return Optional.of(new SaveRequest(update.group(1), null, update.group(2)));
            }
            return Optional.empty();
        }

        boolean isForCardAuthenticator(RealmModel realm) {
            if (executionId != null) {
                AuthenticationExecutionModel execution = realm.getAuthenticationExecutionById(executionId);
                return execution != null && CARD_AUTHENTICATORS.contains(execution.getAuthenticator());
            }
            return realm.getAuthenticationFlowsStream()
                    .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                    .filter(execution -> configId.equals(execution.getAuthenticatorConfig()))
                    .anyMatch(execution -> CARD_AUTHENTICATORS.contains(execution.getAuthenticator()));
        }
    }
}
