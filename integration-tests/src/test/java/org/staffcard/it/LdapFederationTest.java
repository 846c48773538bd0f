package org.staffcard.it;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.it.OidcLogin.LoginPage;
import org.staffcard.virtualcard.TestCards;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Staff kept in the organisation's directory sign in with their card and directory password exactly like local
 * staff: a real slapd holds the entries with the card user ID in the directory attribute {@code staffCardUserId},
 * and Keycloak's LDAP user federation, set up here through the admin API as an admin would, maps it to
 * {@code cardUserId}.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class LdapFederationTest {

    private static final String ORIGIN = CardStack.KEYCLOAK_ORIGIN;
    private static final String DIRECTORY_PASSWORD = "Directory-Passw0rd";
    private static final Slapd.StaffEntry SUZUKI = new Slapd.StaffEntry("suzuki.ichiro", "鈴木", "一郎",
            "suzuki.ichiro@example.lg.jp", "B-20001", "LDAP-0042", DIRECTORY_PASSWORD);
    private static final Slapd.StaffEntry TANAKA = new Slapd.StaffEntry("tanaka.misaki", "田中", "美咲",
            "tanaka.misaki@example.lg.jp", "B-20002", "LDAP-0043", DIRECTORY_PASSWORD);

    @TempDir
    static Path directoryFolder;

    private static Slapd slapd;

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    private String federationId;

    @BeforeAll
    static void startDirectory() throws Exception {
        assumeTrue(Slapd.installed(), "slapd is not installed: run bin/prerequisites.sh");
        slapd = Slapd.start(directoryFolder, List.of(SUZUKI, TANAKA));
    }

    @AfterAll
    static void stopDirectory() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    @BeforeEach
    void federateTheDirectory() {
        List<ComponentRepresentation> existing = realm.admin().components()
                .query(realm.getId(), "org.keycloak.storage.UserStorageProvider", "staff-directory");
        federationId = existing.isEmpty() ? addFederation() : existing.get(0).getId();
        realm.admin().clearEvents();
    }

    @Test
    void directoryStaffSignsInWithCardAndDirectoryPassword() throws Exception {
        SoftwareCard card = trustedCard(SUZUKI.cardUserId());
        bindCardCertificate(SUZUKI.uid(), card);

        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        HttpResponse<String> answer = login.submit(page, card.assertion(ORIGIN, page.challenge()), DIRECTORY_PASSWORD);

        assertThat(answer.statusCode()).as(LoginPage.errorText(answer.body())).isEqualTo(302);
        assertThat(login.redeem(answer).path("id_token").asText()).isNotEmpty();
        UserRepresentation account = account(SUZUKI.uid());
        assertThat(account.getFederationLink()).isEqualTo(federationId);
        assertThat(account.getAttributes().get("cardUserId")).containsExactly("LDAP-0042");
        assertThat(account.getAttributes().get("staffNumber")).containsExactly("B-20001");
        assertThat(account.getLastName() + " " + account.getFirstName()).isEqualTo("鈴木 一郎");
        EventRepresentation event = lastEvent("LOGIN");
        assertThat(event.getUserId()).isEqualTo(account.getId());
        assertThat(event.getDetails()).containsEntry("card_user_id", "LDAP-0042");
    }

    @Test
    void directoryStaffWithAWrongPasswordIsRefused() throws Exception {
        SoftwareCard card = trustedCard(TANAKA.cardUserId());
        bindCardCertificate(TANAKA.uid(), card);

        OidcLogin login = new OidcLogin(ORIGIN);
        LoginPage page = login.open();
        HttpResponse<String> answer = login.submit(page, card.assertion(ORIGIN, page.challenge()), "not the password");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        assertThat(answer.body()).contains(ThemeMessages.english("invalidCardOrPassword"));
        assertThat(lastEvent("LOGIN_ERROR").getUserId()).isEqualTo(account(TANAKA.uid()).getId());
    }

    @Test
    void theCardUserIdOfADirectoryAccountIsTheDirectorysAndAdminsCannotChangeIt() {
        UserRepresentation account = account(SUZUKI.uid());
        account.getAttributes().put("cardUserId", List.of("CHANGED-1"));

        int status = 204;
        try {
            realm.admin().users().get(account.getId()).update(account);
        } catch (jakarta.ws.rs.WebApplicationException refused) {
            status = refused.getResponse().getStatus();
        }
        UserRepresentation after = account(SUZUKI.uid());

        assertThat(after.getAttributes().get("cardUserId")).as("after HTTP " + status).containsExactly("LDAP-0042");
    }

    /** Binds the card as an admin does, through the staff-cards API, to the account federated from the directory. */
    private void bindCardCertificate(String username, SoftwareCard card) {
        StaffCardsApi api = new StaffCardsApi(ORIGIN, "staff",
                () -> adminClient.tokenManager().getAccessTokenString());
        StaffCardsApi.Answer bound = api.bind(account(username).getId(), card.card().cardUserId(),
                card.card().certificate(), null);
        assertThat(bound.status()).as(bound.body().toString()).isEqualTo(201);
    }

    /** The LDAP federation an admin would set up: unsynced edits, the card user ID read only from the directory. */
    private String addFederation() {
        ComponentRepresentation ldap = new ComponentRepresentation();
        ldap.setName("staff-directory");
        ldap.setProviderId("ldap");
        ldap.setProviderType("org.keycloak.storage.UserStorageProvider");
        ldap.setParentId(realm.getId());
        ldap.setConfig(config(Map.ofEntries(
                Map.entry("enabled", "true"),
                Map.entry("vendor", "other"),
                Map.entry("connectionUrl", slapd.url()),
                Map.entry("bindDn", Slapd.ADMIN_DN),
                Map.entry("bindCredential", Slapd.ADMIN_PASSWORD),
                Map.entry("authType", "simple"),
                Map.entry("usersDn", Slapd.STAFF_DN),
                Map.entry("searchScope", "1"),
                Map.entry("usernameLDAPAttribute", "uid"),
                Map.entry("rdnLDAPAttribute", "uid"),
                Map.entry("uuidLDAPAttribute", "entryUUID"),
                Map.entry("userObjectClasses", "inetOrgPerson, staffCardHolder"),
                Map.entry("editMode", "UNSYNCED"),
                Map.entry("importEnabled", "true"),
                Map.entry("syncRegistrations", "false"),
                Map.entry("trustEmail", "true"),
                Map.entry("useTruststoreSpi", "never"),
                Map.entry("pagination", "false"),
                Map.entry("fullSyncPeriod", "-1"),
                Map.entry("changedSyncPeriod", "-1"),
                Map.entry("cachePolicy", "DEFAULT"))));
        String id = created(realm.admin().components().add(ldap));

        givenNameIsTheFirstName(id);
        addAttributeMapper(id, "card user ID", "staffCardUserId", "cardUserId");
        addAttributeMapper(id, "staff number", "employeeNumber", "staffNumber");
        return id;
    }

    /**
     * Keycloak's default first-name mapper for a directory that is not Active Directory reads {@code cn}, which holds
     * the whole name ("鈴木 一郎"); the given name is in {@code givenName}.
     */
    private void givenNameIsTheFirstName(String federation) {
        ComponentRepresentation firstName = realm.admin().components()
                .query(federation, "org.keycloak.storage.ldap.mappers.LDAPStorageMapper", "first name").get(0);
        firstName.getConfig().putSingle("ldap.attribute", "givenName");
        realm.admin().components().component(firstName.getId()).update(firstName);
    }

    private void addAttributeMapper(String federation, String name, String ldapAttribute, String userAttribute) {
        ComponentRepresentation mapper = new ComponentRepresentation();
        mapper.setName(name);
        mapper.setProviderId("user-attribute-ldap-mapper");
        mapper.setProviderType("org.keycloak.storage.ldap.mappers.LDAPStorageMapper");
        mapper.setParentId(federation);
        mapper.setConfig(config(Map.of(
                "ldap.attribute", ldapAttribute,
                "user.model.attribute", userAttribute,
                "read.only", "true",
                "always.read.value.from.ldap", "true",
                "is.mandatory.in.ldap", "false",
                "is.binary.attribute", "false",
                "attribute.force.default", "false")));
        created(realm.admin().components().add(mapper));
    }

    private static MultivaluedHashMap<String, String> config(Map<String, String> values) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        values.forEach(config::putSingle);
        return config;
    }

    private static String created(Response response) {
        try (response) {
            assertThat(response.getStatus()).as(response.readEntity(String.class)).isEqualTo(201);
            String location = response.getLocation().toString();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    private UserRepresentation account(String username) {
        List<UserRepresentation> found = realm.admin().users().searchByUsername(username, true);
        assertThat(found).as("account " + username).hasSize(1);
        return realm.admin().users().get(found.get(0).getId()).toRepresentation();
    }

    private SoftwareCard trustedCard(String cardUserId) throws CertificateEncodingException {
        SoftwareCard card = new SoftwareCard(TestCards.issue(cardUserId));
        trust(card.card().authority().certificate());
        return card;
    }

    private void trust(X509Certificate authority) throws CertificateEncodingException {
        AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(cardConfigId());
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(authority.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        config.getConfig().merge("staffcard.trustAnchorsPem", pem, (existing, added) -> existing + "\n" + added);
        realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);
    }

    private String cardConfigId() {
        return realm.admin().flows().getExecutions("staff card browser").stream()
                .filter(execution -> "staff-card-password".equals(execution.getProviderId()))
                .findFirst().orElseThrow().getAuthenticationConfig();
    }

    private EventRepresentation lastEvent(String type) {
        return realm.admin().getEvents(List.of(type), null, null, null, null, null, 0, 1).get(0);
    }
}
