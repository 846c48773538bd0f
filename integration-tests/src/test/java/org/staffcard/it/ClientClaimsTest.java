package org.staffcard.it;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientScopeEvaluateResource;
import org.keycloak.representations.IDToken;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each OIDC client of the staff realm receives about the demo staff member, as the real server builds the
 * tokens (the admin API's token preview runs the same mappers as a sign-in): the business app its staff number,
 * departments and roles, the attendance system its login ID alone.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class ClientClaimsTest {

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    @Test
    void businessAppGetsStaffNumberDepartmentsAndItsRolesButNoOtherSystemsIds() {
        IDToken token = preview("business-app").generateExampleIdToken("openid", demoStaffId(), null);
        Map<String, Object> claims = token.getOtherClaims();

        assertThat(claims).containsEntry("staff_number", "A-10023");
        assertThat(claims.get("departments")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("/総務部/人事課");
        assertThat(claims.get("roles")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("staff", "approver");
        assertThat(claims).doesNotContainKeys("attendance_login_id", "printerLoginId", "cardUserId");
    }

    @Test
    void businessAppAccessTokenCarriesNoRolesOfOtherClients() {
        var token = preview("business-app").generateAccessToken("openid", demoStaffId(), null);

        assertThat(token.getRealmAccess() == null || token.getRealmAccess().getRoles().isEmpty())
                .as("realm roles in the business app's token").isTrue();
        assertThat(token.getResourceAccess() == null ? java.util.Set.of() : token.getResourceAccess().keySet())
                .isSubsetOf("business-app");
    }

    @Test
    void attendanceAppGetsTheAttendanceLoginIdAndNothingPersonal() {
        IDToken token = preview("attendance-app").generateExampleIdToken("openid", demoStaffId(), null);

        assertThat(token.getOtherClaims()).containsEntry("attendance_login_id", "yamada.taro@kintai")
                .doesNotContainKeys("staff_number", "departments", "roles");
        assertThat(token.getEmail()).isNull();
        assertThat(token.getFamilyName()).isNull();
        assertThat(token.getPreferredUsername()).isNull();
    }

    private ClientScopeEvaluateResource preview(String clientId) {
        String id = realm.admin().clients().findByClientId(clientId).get(0).getId();
        return realm.admin().clients().get(id).clientScopesEvaluate();
    }

    private String demoStaffId() {
        return realm.admin().users().searchByUsername("yamada.taro", true).get(0).getId();
    }
}
