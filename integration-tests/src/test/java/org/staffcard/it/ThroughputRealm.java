package org.staffcard.it;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.staffcard.virtualcard.TestCardSpec;
import org.staffcard.virtualcard.TestCertificateAuthority;

import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the throughput runs need in the staff realm, added through the admin API: a second client whose browser flow
 * is Keycloak's username and password form alone, and staff accounts that hold both a card of a test CA the realm
 * trusts and a password. The realm's password hashing is left as imported (Keycloak's default), so both ways of
 * signing in check the same kind of password hash.
 */
final class ThroughputRealm {

    static final String PASSWORD_CLIENT_ID = "load-password-app";
    static final String PASSWORD_CLIENT_SECRET = "load-password-app-secret";
    static final String PASSWORD = "Load-Staff-Passw0rd";

    private static final String CARD_FLOW = "staff card browser";
    private static final String PASSWORD_FLOW = "password only";

    private final RealmResource realm;
    private final TestCertificateAuthority ca;

    /** A staff account of the throughput runs: its username and its card. */
    record StaffAccount(String username, SoftwareCard card) {
    }

    private ThroughputRealm(RealmResource realm, TestCertificateAuthority ca) {
        this.realm = realm;
        this.ca = ca;
    }

    /** Adds the password-only client and {@code count} staff accounts to the realm behind {@code realm}. */
    static List<StaffAccount> prepare(RealmResource realm, int count) throws CertificateEncodingException {
        ThroughputRealm setup = new ThroughputRealm(realm,
                TestCertificateAuthority.create("CN=Throughput Staff Card CA, O=Test Org, C=JP"));
        setup.trustCa();
        setup.addPasswordOnlyClient(setup.addPasswordOnlyFlow());
        List<StaffAccount> accounts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            accounts.add(setup.enrol(String.format("load.staff.%02d", i), String.format("LOAD-%04d", i)));
        }
        return accounts;
    }

    private void trustCa() throws CertificateEncodingException {
        String configId = realm.flows().getExecutions(CARD_FLOW).stream()
                .filter(e -> "staff-card-password".equals(e.getProviderId()))
                .findFirst().orElseThrow().getAuthenticationConfig();
        AuthenticatorConfigRepresentation config = realm.flows().getAuthenticatorConfig(configId);
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ca.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        config.getConfig().merge("staffcard.trustAnchorsPem", pem, (existing, added) -> existing + "\n" + added);
        realm.flows().updateAuthenticatorConfig(configId, config);
    }

    /** A top-level browser flow holding only Keycloak's username and password form, required; answers its id. */
    private String addPasswordOnlyFlow() {
        AuthenticationManagementResource flows = realm.flows();
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(PASSWORD_FLOW);
        flow.setDescription("Username and password form only: the baseline of the sign-in throughput runs");
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        try (Response created = flows.createFlow(flow)) {
            expectCreated(created, "the flow " + PASSWORD_FLOW);
        }

        flows.addExecution(PASSWORD_FLOW, Map.of("provider", "auth-username-password-form"));
        AuthenticationExecutionInfoRepresentation form = flows.getExecutions(PASSWORD_FLOW).get(0);
        form.setRequirement("REQUIRED");
        flows.updateExecutions(PASSWORD_FLOW, form);

        return flows.getFlows().stream().filter(f -> PASSWORD_FLOW.equals(f.getAlias()))
                .findFirst().orElseThrow().getId();
    }

    /**
     * A copy of the card client's settings (confidential, PKCE, same redirect addresses and scopes) with its browser
     * flow overridden, so the two ways of signing in differ only in the flow.
     */
    private void addPasswordOnlyClient(String flowId) {
        ClientRepresentation client = realm.clients().findByClientId(OidcLogin.CLIENT_ID).get(0);
        client.setId(null);
        client.setClientId(PASSWORD_CLIENT_ID);
        client.setName("Password-only baseline");
        client.setSecret(PASSWORD_CLIENT_SECRET);
        if (client.getProtocolMappers() != null) {
            client.getProtocolMappers().forEach(mapper -> mapper.setId(null));
        }
        client.setAuthenticationFlowBindingOverrides(Map.of("browser", flowId));
        try (Response created = realm.clients().create(client)) {
            expectCreated(created, "the client " + PASSWORD_CLIENT_ID);
        }
    }

    private StaffAccount enrol(String username, String cardUserId) {
        SoftwareCard card = new SoftwareCard(ca.issue(TestCardSpec.of(cardUserId)));
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName("Load");
        user.setLastName("Staff");
        user.setEmail(username + "@example.lg.jp");
        user.setEmailVerified(true);
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put("cardUserId", List.of(cardUserId));
        user.setAttributes(attributes);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password, CardCredentials.of(card)));
        try (Response created = realm.users().create(user)) {
            expectCreated(created, "the account " + username);
        }
        return new StaffAccount(username, card);
    }

    private static void expectCreated(Response response, String what) {
        if (response.getStatus() != 201) {
            throw new IllegalStateException("creating " + what + " answered " + response.getStatus());
        }
    }
}
