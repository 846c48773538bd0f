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

import static org.assertj.core.api.Assertions.assertThat;

/** The imported staff realm is set up as the product needs, and agrees with the demo card it enrols. */
class StaffRealmTest {

    private static final JsonNode REALM = load();

    @Test
    void browserFlowIsTheCardAndPasswordFlow() {
        assertThat(REALM.path("browserFlow").asText()).isEqualTo("staff card browser");
        JsonNode flow = REALM.path("authenticationFlows").get(0);
        assertThat(flow.path("alias").asText()).isEqualTo("staff card browser");
        assertThat(flow.path("authenticationExecutions").findValuesAsText("authenticator"))
                .containsExactly("auth-cookie", "staff-card-password");
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
        assertThat(staff.path("attributes").path("cardCertificateSha256").get(0).asText())
                .isEqualTo(DemoCard.certificateSpkiSha256());
    }

    @Test
    void cardAttributesAreAdminOnlyAndCardUserIdIsValidatedForUniqueness() throws Exception {
        JsonNode profile = new ObjectMapper().readTree(REALM.path("components")
                .path("org.keycloak.userprofile.UserProfileProvider").get(0)
                .path("config").path("kc.user.profile.config").get(0).asText());

        for (JsonNode attribute : profile.path("attributes")) {
            String name = attribute.path("name").asText();
            if (name.equals("cardUserId") || name.equals("cardCertificateSha256")) {
                assertThat(attribute.path("permissions").path("edit").toString()).isEqualTo("[\"admin\"]");
                assertThat(attribute.path("permissions").path("view").toString()).isEqualTo("[\"admin\"]");
            }
            if (name.equals("cardUserId")) {
                assertThat(attribute.path("validations").has("staff-card-user-id")).isTrue();
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

    private static JsonNode load() {
        try (InputStream in = StaffRealmTest.class.getResourceAsStream("/staff-realm.json")) {
            return new ObjectMapper().readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException("staff-realm.json must be readable JSON", e);
        }
    }
}
