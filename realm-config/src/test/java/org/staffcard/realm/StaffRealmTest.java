package org.staffcard.realm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.staffcard.virtualcard.DemoCard;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The imported staff realm is set up as the product needs, and agrees with the demo card it enrols. */
class StaffRealmTest {

    private static final JsonNode REALM = load();

    @Test
    void browserFlowIsTheCookieElseTheCardLevels() {
        assertThat(REALM.path("browserFlow").asText()).isEqualTo("staff card browser");
        JsonNode top = flow("staff card browser");

        assertThat(top.path("authenticationExecutions").findValuesAsText("authenticator"))
                .containsExactly("auth-cookie");
        assertThat(top.path("authenticationExecutions").findValuesAsText("flowAlias"))
                .containsExactly("staff card levels");
        assertThat(flow("staff card levels").path("authenticationExecutions").findValuesAsText("requirement"))
                .containsExactly("CONDITIONAL", "CONDITIONAL");
    }

    @Test
    void levelOneIsTheCardAloneAndLevelTwoTheCardAndPassword() {
        assertThat(levelSubFlow(1).path("authenticationExecutions").findValuesAsText("authenticator"))
                .containsExactly("conditional-level-of-authentication", "staff-card-only");
        assertThat(levelSubFlow(2).path("authenticationExecutions").findValuesAsText("authenticator"))
                .containsExactly("conditional-level-of-authentication", "staff-card-password");
    }

    @Test
    void acrValuesMapToTheLevelsOfTheFlow() throws Exception {
        JsonNode map = new ObjectMapper().readTree(REALM.path("attributes").path("acr.loa.map").asText());

        assertThat(map.path("card").asInt()).isEqualTo(1);
        assertThat(map.path("card-password").asInt()).isEqualTo(2);
    }

    @Test
    void bothCardStepsShareOneSettingSoTrustAndRevocationCannotDrift() {
        for (int level : new int[] {1, 2}) {
            JsonNode cardStep = levelSubFlow(level).path("authenticationExecutions").get(1);
            assertThat(cardStep.path("authenticatorConfig").asText()).as("level %d", level).isEqualTo("staff card");
        }
    }

    @Test
    void cardEnrolmentIsAnEnabledRequiredActionBeforeThePasswordUpdate() {
        Map<String, JsonNode> actions = new HashMap<>();
        REALM.path("requiredActions").forEach(action -> actions.put(action.path("alias").asText(), action));
        JsonNode enrol = actions.get("staff-card-enrol");

        assertThat(enrol).as("the realm registers the card enrolment action").isNotNull();
        assertThat(enrol.path("providerId").asText()).isEqualTo("staff-card-enrol");
        assertThat(enrol.path("enabled").asBoolean()).isTrue();
        assertThat(enrol.path("defaultAction").asBoolean()).as("new accounts get it from a code or an admin only")
                .isFalse();
        // A staff member with a temporary password binds the card first, while the enrolment code is fresh.
        assertThat(enrol.path("priority").asInt()).isLessThan(actions.get("UPDATE_PASSWORD").path("priority").asInt());
    }

    @Test
    void attendanceTerminalIsAPublicPkceClientAtTheCardLevel() {
        JsonNode terminal = client("attendance-terminal");

        assertThat(terminal.path("protocol").asText()).isEqualTo("openid-connect");
        assertThat(terminal.path("publicClient").asBoolean()).isTrue();
        assertThat(terminal.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(terminal.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(terminal.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(terminal.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(terminal.path("attributes").path("default.acr.values").asText()).isEqualTo("card");
    }

    @Test
    void businessAppsAskForTheCardAndPasswordLevel() {
        assertThat(client("business-app").path("attributes").path("default.acr.values").asText())
                .isEqualTo("card-password");
        assertThat(client("business-app").path("attributes").path("minimum.acr.value").asText())
                .isEqualTo("card-password");
        assertThat(client("demo-web-app").path("attributes").path("default.acr.values").asText())
                .isEqualTo("card-password");
    }

    @Test
    void everyOidcClientGetsTheAmrClaim() {
        for (JsonNode client : REALM.path("clients")) {
            if (client.path("protocol").asText("openid-connect").equals("openid-connect")) {
                JsonNode amr = mapperOf(client, "staff-card-amr");
                assertThat(amr.path("config").path("id.token.claim").asText())
                        .as(client.path("clientId").asText()).isEqualTo("true");
            }
        }
    }

    @Test
    void appTeamsRegisterWithinPrefixesLevelsAndScopes() {
        JsonNode teams = registrationPolicy("staff-app-registration", "authenticated");
        JsonNode scopes = registrationPolicy("allowed-client-templates", "authenticated");

        assertThat(teams.path("config").path("redirect-uri-prefixes").get(0).asText()).endsWith("/");
        assertThat(teams.path("config").path("allowed-acr-values").toString())
                .isEqualTo("[\"card\",\"card-password\"]");
        assertThat(scopes.path("config").path("allow-default-scopes").get(0).asText()).isEqualTo("false");
        assertThat(scopes.path("config").path("allowed-client-scopes").toString()).doesNotContain("offline_access");
    }

    @Test
    void registrationWithoutATokenIsRefusedByAnEmptyTrustedHostList() {
        JsonNode trustedHosts = registrationPolicy("trusted-hosts", "anonymous");

        assertThat(trustedHosts.path("config").path("trusted-hosts").size()).isZero();
        assertThat(trustedHosts.path("config").path("host-sending-registration-request-must-match").get(0).asText())
                .isEqualTo("true");
    }

    @Test
    void bruteForceProtectionAndEventsAreOn() {
        assertThat(REALM.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(REALM.path("eventsEnabled").asBoolean()).isTrue();
        assertThat(REALM.path("adminEventsEnabled").asBoolean()).isTrue();
    }

    @Test
    void trustAnchorIsTheDemoCa() throws Exception {
        String pem = REALM.path("authenticatorConfig").get(0).path("config").path("staffcard.trustAnchorsPem").asText();
        X509Certificate anchor = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));

        assertThat(anchor).isEqualTo(DemoCard.caCertificate());
    }

    @Test
    void demoStaffMemberIsEnrolledWithTheDemoCard() {
        JsonNode staff = REALM.path("users").get(0);

        assertThat(staff.path("lastName").asText() + " " + staff.path("firstName").asText()).isEqualTo("山田 太郎");
        assertThat(staff.path("attributes").path("cardUserId").get(0).asText()).isEqualTo(DemoCard.cardUserId());
        assertThat(staff.path("attributes").has("cardCertificateSha256")).isFalse();
    }

    @Test
    void demoCardIsAStaffCardCredentialOfTheDemoCertificate() throws Exception {
        JsonNode card = null;
        for (JsonNode credential : REALM.path("users").get(0).path("credentials")) {
            if (credential.path("type").asText().equals("staff-card")) {
                card = credential;
            }
        }
        assertThat(card).as("a staff-card credential on the demo staff member").isNotNull();
        JsonNode data = new ObjectMapper().readTree(card.path("credentialData").asText());
        X509Certificate certificate = DemoCard.certificate();

        assertThat(data.path("cardUserId").asText()).isEqualTo(DemoCard.cardUserId());
        assertThat(data.path("spkiSha256").asText()).isEqualTo(DemoCard.certificateSpkiSha256());
        assertThat(data.path("serialHex").asText()).isEqualTo(certificate.getSerialNumber().toString(16));
        assertThat(data.path("issuerDn").asText()).isEqualTo("CN=Staff Card Demo CA,O=Demo Prefecture,C=JP");
        assertThat(data.path("profile").asText()).isEqualTo("jpki");
        assertThat(card.path("userLabel").asText()).contains(DemoCard.cardUserId());
    }

    @Test
    void cardUserIdIsAdminOnlyMultiValuedAndValidatedForUniqueness() throws Exception {
        JsonNode profile = new ObjectMapper().readTree(REALM.path("components")
                .path("org.keycloak.userprofile.UserProfileProvider").get(0)
                .path("config").path("kc.user.profile.config").get(0).asText());

        for (JsonNode attribute : profile.path("attributes")) {
            String name = attribute.path("name").asText();
            assertThat(name).isNotEqualTo("cardCertificateSha256");
            if (name.equals("cardUserId")) {
                assertThat(attribute.path("permissions").path("edit").toString()).isEqualTo("[\"admin\"]");
                assertThat(attribute.path("permissions").path("view").toString()).isEqualTo("[\"admin\"]");
                assertThat(attribute.path("validations").has("staff-card-user-id")).isTrue();
                assertThat(attribute.path("multivalued").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void demoAppIsConfidentialWithPkce() {
        JsonNode app = REALM.path("clients").get(0);

        assertThat(app.path("clientId").asText()).isEqualTo("demo-web-app");
        assertThat(app.path("publicClient").asBoolean()).isFalse();
        assertThat(app.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(app.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
    }

    @Test
    void staffNumberIsAdminOnlyAndTheDemoStaffMemberHasOne() throws Exception {
        JsonNode staffNumber = profileAttribute("staffNumber");

        assertThat(staffNumber.path("permissions").path("edit").toString()).isEqualTo("[\"admin\"]");
        assertThat(staffNumber.path("permissions").path("view").toString()).isEqualTo("[\"admin\"]");
        assertThat(REALM.path("users").get(0).path("attributes").path("staffNumber").get(0).asText())
                .isEqualTo("A-10023");
    }

    @Test
    void businessAppIsAConfidentialOidcClientWithPkceAndBackChannelLogout() {
        JsonNode app = client("business-app");

        assertThat(app.path("protocol").asText()).isEqualTo("openid-connect");
        assertThat(app.path("publicClient").asBoolean()).isFalse();
        assertThat(app.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(app.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(app.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(app.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(app.path("redirectUris").toString()).isEqualTo("[\"http://localhost:8082/redirect_uri\"]");
        assertThat(app.path("attributes").path("backchannel.logout.url").asText())
                .startsWith("http://127.0.0.1:8082/redirect_uri");
    }

    @Test
    void businessAppGetsTheStaffNumberAsAClaimInEveryToken() {
        JsonNode mapper = mapperOf(client("business-app"), "oidc-usermodel-attribute-mapper");

        assertThat(mapper.path("config").path("user.attribute").asText()).isEqualTo("staffNumber");
        assertThat(mapper.path("config").path("claim.name").asText()).isEqualTo("staff_number");
        for (String token : new String[] {"id.token.claim", "access.token.claim", "userinfo.token.claim"}) {
            assertThat(mapper.path("config").path(token).asText()).as(token).isEqualTo("true");
        }
    }

    @Test
    void mfpPortalIsASamlClientThatMustSignItsRequestsAndLogsOutThroughTheBrowser() {
        JsonNode portal = client("mfp-portal");
        JsonNode attributes = portal.path("attributes");

        assertThat(portal.path("protocol").asText()).isEqualTo("saml");
        assertThat(portal.path("frontchannelLogout").asBoolean()).isTrue();
        assertThat(attributes.path("saml.client.signature").asText()).isEqualTo("true");
        assertThat(attributes.path("saml.server.signature").asText()).isEqualTo("true");
        assertThat(attributes.path("saml.signature.algorithm").asText()).isEqualTo("RSA_SHA256");
        assertThat(attributes.path("saml_assertion_consumer_url_post").asText())
                .isEqualTo("http://localhost:8083/mellon/postResponse");
        assertThat(attributes.path("saml_single_logout_service_url_redirect").asText())
                .isEqualTo("http://localhost:8083/mellon/logout");
    }

    @Test
    void mfpPortalGetsTheNameStaffNumberAndPrinterLoginIdAsAttributes() {
        JsonNode portal = client("mfp-portal");

        assertThat(portal.path("protocolMappers").findValuesAsText("attribute.name"))
                .containsExactlyInAnyOrder("lastName", "firstName", "staffNumber", "printerLoginId");
        assertThat(portal.path("protocolMappers").findValuesAsText("user.attribute"))
                .containsExactlyInAnyOrder("lastName", "firstName", "staffNumber", "printerLoginId");
        assertThat(portal.path("fullScopeAllowed").asBoolean(true)).as("roles of other systems in scope").isFalse();
    }

    @Test
    void businessAppGetsItsDepartmentsAsFullGroupPaths() {
        JsonNode mapper = mapperOf(client("business-app"), "oidc-group-membership-mapper");

        assertThat(mapper.path("config").path("claim.name").asText()).isEqualTo("departments");
        assertThat(mapper.path("config").path("full.path").asText()).isEqualTo("true");
        for (String token : new String[] {"id.token.claim", "access.token.claim", "userinfo.token.claim"}) {
            assertThat(mapper.path("config").path(token).asText()).as(token).isEqualTo("true");
        }
    }

    @Test
    void businessAppGetsOnlyItsOwnRoles() {
        JsonNode app = client("business-app");
        JsonNode mapper = mapperOf(app, "oidc-usermodel-client-role-mapper");

        assertThat(mapper.path("config").path("usermodel.clientRoleMapping.clientId").asText())
                .isEqualTo("business-app");
        assertThat(mapper.path("config").path("claim.name").asText()).isEqualTo("roles");
        assertThat(mapper.path("config").path("multivalued").asText()).isEqualTo("true");
        assertThat(app.path("fullScopeAllowed").asBoolean(true)).as("roles of other systems in scope").isFalse();
        assertThat(app.path("protocolMappers").findValuesAsText("user.attribute")).containsExactly("staffNumber");
    }

    @Test
    void attendanceAppGetsTheAttendanceLoginIdAndNoProfile() {
        JsonNode app = client("attendance-app");

        assertThat(app.path("protocolMappers")).hasSize(2);
        JsonNode mapper = mapperOf(app, "oidc-usermodel-attribute-mapper");
        assertThat(mapper.path("config").path("user.attribute").asText()).isEqualTo("attendanceLoginId");
        assertThat(mapper.path("config").path("claim.name").asText()).isEqualTo("attendance_login_id");
        assertThat(app.path("defaultClientScopes").toString()).isEqualTo("[\"basic\",\"acr\"]");
        assertThat(app.path("optionalClientScopes")).isEmpty();
        assertThat(app.path("fullScopeAllowed").asBoolean(true)).isFalse();
        assertThat(app.path("publicClient").asBoolean()).isFalse();
        assertThat(app.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
    }

    @Test
    void eachSystemLoginIdGoesToTheOneClientThatNeedsIt() {
        Map<String, List<String>> clientsByAttribute = new HashMap<>();
        for (JsonNode client : REALM.path("clients")) {
            for (String attribute : client.path("protocolMappers").findValuesAsText("user.attribute")) {
                clientsByAttribute.computeIfAbsent(attribute, a -> new ArrayList<>())
                        .add(client.path("clientId").asText());
            }
        }

        assertThat(clientsByAttribute.get("printerLoginId")).containsExactly("mfp-portal");
        assertThat(clientsByAttribute.get("attendanceLoginId"))
                .containsExactlyInAnyOrder("attendance-app", "attendance-terminal", "attendance-terminal-device");
        assertThat(clientsByAttribute.get("staffNumber")).containsExactlyInAnyOrder("business-app", "mfp-portal");
        assertThat(clientsByAttribute).doesNotContainKeys("cardUserId", "cardCertificateSha256");
    }

    @Test
    void systemLoginIdsAreAdminOnlyProfileAttributes() throws Exception {
        for (String name : new String[] {"printerLoginId", "attendanceLoginId"}) {
            JsonNode attribute = profileAttribute(name);
            assertThat(attribute.path("permissions").path("edit").toString()).as(name).isEqualTo("[\"admin\"]");
            assertThat(attribute.path("permissions").path("view").toString()).as(name).isEqualTo("[\"admin\"]");
            assertThat(attribute.path("validations").path("pattern").path("pattern").asText()).as(name)
                    .isEqualTo("^[A-Za-z0-9._@-]{1,64}$");
        }
    }

    @Test
    void departmentGroupsGrantOnlyRolesTheBusinessAppDefines() {
        List<String> defined = REALM.path("roles").path("client").path("business-app").findValuesAsText("name");
        List<String> granted = REALM.path("groups").findValues("business-app").stream()
                .flatMap(roles -> java.util.stream.StreamSupport.stream(roles.spliterator(), false))
                .map(JsonNode::asText).toList();

        assertThat(defined).containsExactlyInAnyOrder("staff", "approver");
        assertThat(granted).isNotEmpty().allMatch(defined::contains);
        assertThat(REALM.path("users").get(0).path("groups").toString()).isEqualTo("[\"/総務部/人事課\"]");
    }

    @Test
    void acrMapNamesTheCardOnlyAndTheCardAndPasswordLevels() throws Exception {
        JsonNode map = new ObjectMapper().readTree(REALM.path("attributes").path("acr.loa.map").asText());

        assertThat(map.path("card").asInt()).isEqualTo(1);
        assertThat(map.path("card-password").asInt()).isEqualTo(2);
    }

    @Test
    void deviceFlowRunsOnlyTheCardDirectGrantWithTheDemoTrustAnchor() {
        JsonNode flow = flow("staff card direct grant");

        assertThat(flow.path("authenticationExecutions").findValuesAsText("authenticator"))
                .containsExactly("staff-card-direct-grant");
        assertThat(flow.path("authenticationExecutions").get(0).path("requirement").asText()).isEqualTo("REQUIRED");
        String configAlias = flow.path("authenticationExecutions").get(0).path("authenticatorConfig").asText();
        JsonNode browserConfig = REALM.path("authenticatorConfig").get(0).path("config");
        for (JsonNode config : REALM.path("authenticatorConfig")) {
            if (config.path("alias").asText().equals(configAlias)) {
                assertThat(config.path("config").path("staffcard.trustAnchorsPem").asText())
                        .isEqualTo(browserConfig.path("staffcard.trustAnchorsPem").asText());
            }
        }
    }

    @Test
    void theRealmsDirectGrantFlowIsTheCardOneSoNoClientSignsInWithAPasswordAlone() {
        assertThat(REALM.path("directGrantFlow").asText()).isEqualTo("staff card direct grant");
    }

    @Test
    void deviceClientsAreConfidentialDirectGrantOnlyAndBoundToTheDeviceFlow() {
        String flowId = flow("staff card direct grant").path("id").asText();
        for (String clientId : new String[] {"pc-logon", "attendance-terminal-device"}) {
            JsonNode device = client(clientId);

            assertThat(device.path("publicClient").asBoolean()).as(clientId).isFalse();
            assertThat(device.path("directAccessGrantsEnabled").asBoolean()).as(clientId).isTrue();
            assertThat(device.path("standardFlowEnabled").asBoolean()).as(clientId).isFalse();
            assertThat(device.path("implicitFlowEnabled").asBoolean()).as(clientId).isFalse();
            assertThat(device.path("authenticationFlowBindingOverrides").path("direct_grant").asText()).as(clientId)
                    .isEqualTo(flowId);
        }
    }

    @Test
    void pcLogonAsksForCardAndPasswordAndTheTerminalForTheCardOnly() {
        assertThat(client("pc-logon").path("attributes").path("default.acr.values").asText())
                .isEqualTo("card-password");
        assertThat(client("attendance-terminal-device").path("attributes").path("default.acr.values").asText())
                .isEqualTo("card");
    }

    private static JsonNode flow(String alias) {
        for (JsonNode flow : REALM.path("authenticationFlows")) {
            if (flow.path("alias").asText().equals(alias)) {
                return flow;
            }
        }
        throw new AssertionError("no flow " + alias + " in the realm");
    }

    /** The sub-flow of "staff card levels" whose condition has the given level. */
    private static JsonNode levelSubFlow(int level) {
        for (String alias : flow("staff card levels").path("authenticationExecutions").findValuesAsText("flowAlias")) {
            JsonNode subFlow = flow(alias);
            String conditionConfig = subFlow.path("authenticationExecutions").get(0)
                    .path("authenticatorConfig").asText();
            if (authenticatorConfig(conditionConfig).path("config").path("loa-condition-level").asInt() == level) {
                return subFlow;
            }
        }
        throw new AssertionError("no level " + level + " sub-flow");
    }

    private static JsonNode authenticatorConfig(String alias) {
        for (JsonNode config : REALM.path("authenticatorConfig")) {
            if (config.path("alias").asText().equals(alias)) {
                return config;
            }
        }
        throw new AssertionError("no authenticator config " + alias);
    }

    private static JsonNode registrationPolicy(String providerId, String subType) {
        for (JsonNode policy : REALM.path("components")
                .path("org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy")) {
            if (policy.path("providerId").asText().equals(providerId)
                    && policy.path("subType").asText().equals(subType)) {
                return policy;
            }
        }
        throw new AssertionError("no " + subType + " registration policy " + providerId);
    }

    private static JsonNode client(String clientId) {
        for (JsonNode client : REALM.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm");
    }

    private static JsonNode mapperOf(JsonNode client, String mapperType) {
        for (JsonNode mapper : client.path("protocolMappers")) {
            if (mapper.path("protocolMapper").asText().equals(mapperType)) {
                return mapper;
            }
        }
        throw new AssertionError("no " + mapperType + " on " + client.path("clientId").asText());
    }

    private static JsonNode profileAttribute(String name) throws Exception {
        JsonNode profile = new ObjectMapper().readTree(REALM.path("components")
                .path("org.keycloak.userprofile.UserProfileProvider").get(0)
                .path("config").path("kc.user.profile.config").get(0).asText());
        for (JsonNode attribute : profile.path("attributes")) {
            if (attribute.path("name").asText().equals(name)) {
                return attribute;
            }
        }
        throw new AssertionError("no user profile attribute " + name);
    }

    private static JsonNode load() {
        try (InputStream in = StaffRealmTest.class.getResourceAsStream("/staff-realm.json")) {
            return new ObjectMapper().readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException("staff-realm.json must be readable JSON", e);
        }
    }
}
