package org.staffcard.authenticator.amr;

import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.protocol.oidc.utils.AmrUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.representations.IDToken;
import org.staffcard.authenticator.AuthenticationMethods;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The "amr" claim (RFC 8176) for card sign-ins. It reads what Keycloak's own AMR mapper reads, the steps the session
 * completed, but Keycloak's mapper gives each step the single reference value an admin typed into its settings,
 * while one card step proves several methods at once (the card's key and the PIN the card checked, and for the card
 * + password step the password too). A card step therefore names its methods itself; any other step keeps the
 * reference value and maximum age set on it in the admin console, exactly as with Keycloak's mapper.
 */
public final class CardAmrMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "staff-card-amr";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, CardAmrMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Staff card authentication methods (amr)";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds the amr claim: hwk and pin for a card sign-in, pwd as well when the password was checked, and "
                + "the reference value configured on any other completed step.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionContext) {
        Map<String, Integer> completed = AuthenticatorUtils.parseCompletedExecutions(
                userSession.getNote(Constants.AUTHENTICATORS_COMPLETED));
        RealmModel realm = userSession.getRealm();
        ClientModel client = clientSessionContext.getClientSession().getClient();
        List<String> amr = AuthenticationMethodList.of(completed,
                executionId -> methodsOf(session, realm, client, executionId, completed.get(executionId)));
        token.getOtherClaims().put(OAuth2Constants.AUTHENTICATOR_METHOD_REFERENCE, amr);
    }

    private static List<String> methodsOf(KeycloakSession session, RealmModel realm, ClientModel client,
                                          String executionId, Integer completedAt) {
        AuthenticationExecutionModel execution = realm.getAuthenticationExecutionById(executionId);
        if (execution == null || execution.getAuthenticator() == null) {
            return List.of();
        }
        ProviderFactory<Authenticator> factory = session.getKeycloakSessionFactory()
                .getProviderFactory(Authenticator.class, execution.getAuthenticator());
        if (factory instanceof AuthenticationMethods card) {
            return card.amrValues(client);
        }
        return AmrUtils.getAuthenticationExecutionReferences(Map.of(executionId, completedAt), realm);
    }
}
