package org.staffcard.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.staffcard.it.OidcLogin.LoginPage;
import org.staffcard.staffimport.ImportOptions;
import org.staffcard.staffimport.ImportOutcome;
import org.staffcard.staffimport.Reason;
import org.staffcard.staffimport.RowProblem;
import org.staffcard.virtualcard.DemoCard;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The admin's first day, in the order of the admin guide, on the real Keycloak distribution: HR's CSV file with
 * Japanese names is imported (a file with bad rows writes nothing, then the good rows go in); the admin gives one
 * new staff member an enrolment code and a temporary password; she registers the card on her reader by
 * self-service in Chromium, through the real card agent and the card in pcscd's virtual reader, changing the
 * password on the way; she signs in with card and password; she reports the card lost, the admin revokes it, her
 * sessions end, and the card is refused at the next sign-in.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class FirstDayRollOutTest {

    private static final String TEMPORARY_PASSWORD = "Temp-Passw0rd-1";
    private static final String OWN_PASSWORD = "Hanako-Passw0rd-2";
    /** Excel's "CSV UTF-8" puts a byte order mark first; the import must read the first heading through it. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    @TempDir
    Path hrFolder;

    @Test
    void importedStaffMemberEnrolsSignsInAndIsStoppedWhenTheCardIsLost() throws Exception {
        CardStack cardStack = CardStack.get();
        ServiceAccountClient deskClient = ServiceAccountClient.in(realm.admin(), "card-desk",
                "manage-users", "view-users");
        StaffCardsApi desk = deskClient.staffCardsApi();
        // The shipped realm's demo account holds the demo card's ID; on a real first day it is not there, and the
        // card in the test reader is the one HR lists for the new staff member.
        String demoAccount = realm.admin().users().searchByUsername("yamada.taro", true).get(0).getId();
        realm.admin().users().delete(demoAccount).close();
        Path csv = hrFile();

        // 1a. The file has bad rows: each is reported with its line and reason, and nothing is written.
        int accountsBefore = realm.admin().users().count();
        StaffImportRun importRun = new StaffImportRun();
        ImportOutcome refused = importFile(importRun, csv, ImportOptions.defaults());
        assertThat(refused.wroteNothingBecauseOfProblems()).isTrue();
        assertThat(refused.problems()).extracting(RowProblem::line, RowProblem::reason).containsExactly(
                tuple(4, Reason.MALFORMED_EMAIL),
                tuple(5, Reason.MISSING_FIELD),
                tuple(6, Reason.MALFORMED_CARD_USER_ID));
        assertThat(importRun.report()).contains("line 4: bad email: ", "line 5: missing field: ",
                "line 6: bad card user ID: ");
        assertThat(realm.admin().users().count()).isEqualTo(accountsBefore);
        assertThat(realm.admin().users().searchByAttributes("staffNumber:F-0001")).isEmpty();
        assertThat(realm.admin().groups().groups("財務部", 0, 10)).isEmpty();

        // 1b. Run again with the good-rows option: the good staff exist with card user ID and departments.
        ImportOutcome imported = importFile(importRun, csv, new ImportOptions(false, true,
                ImportOptions.DEFAULT_BATCH_SIZE));
        assertThat(imported.written()).isEqualTo(2);
        assertThat(imported.problems()).extracting(RowProblem::line).containsExactly(4, 5, 6);
        assertThat(imported.groupsCreated()).containsExactlyInAnyOrder("/情報政策課", "/財務部");
        UserRepresentation hanako = StaffAccounts.withStaffNumber(realm.admin(), "F-0001");
        assertThat(hanako.getUsername()).isEqualTo("f-0001");
        assertThat(hanako.getLastName() + " " + hanako.getFirstName()).isEqualTo("佐藤 花子");
        assertThat(hanako.getAttributes().get("cardUserId")).containsExactly(DemoCard.cardUserId());
        assertThat(StaffAccounts.groupPaths(realm.admin(), hanako))
                .containsExactlyInAnyOrder("/総務部/人事課", "/情報政策課");
        UserRepresentation ichiro = StaffAccounts.withStaffNumber(realm.admin(), "F-0002");
        assertThat(ichiro.getAttributes().get("cardUserId")).containsExactly("F0002");
        assertThat(StaffAccounts.groupPaths(realm.admin(), ichiro)).containsExactly("/財務部");
        assertThat(realm.admin().users().searchByAttributes("staffNumber:F-0003")).isEmpty();
        UserResource hanakoAccount = realm.admin().users().get(hanako.getId());
        assertThat(hanakoAccount.credentials()).as("an imported account has no password yet").isEmpty();

        // 2. The admin issues her an enrolment code and sets a temporary password, as the guide says after import.
        StaffCardsApi.Answer code = desk.issueEnrolmentCode("f-0001");
        assertThat(code.status()).as(code.body().toString()).isEqualTo(201);
        assertThat(code.body().path("code").asText()).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
        hanakoAccount.resetPassword(temporaryPassword());
        assertThat(hanakoAccount.toRepresentation().getRequiredActions()).containsExactly("UPDATE_PASSWORD");

        // 3. She registers the card on her reader by self-service, and chooses her own password on the way.
        JsonNode enrolled = new SelfServiceEnrolment("first-day-enrolment").enrolWithTemporaryPassword("f-0001",
                TEMPORARY_PASSWORD, code.body().path("code").asText(), OWN_PASSWORD);
        OidcLogin login = new OidcLogin(CardStack.KEYCLOAK_ORIGIN);
        JsonNode enrolledClaims = IdTokens.verifiedClaims(login.realmUrl(), enrolled.path("id_token").asText());
        assertThat(enrolledClaims.path("sub").asText()).isEqualTo(hanako.getId());
        JsonNode cards = desk.list("f-0001").body();
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.path("cardUserId").asText()).isEqualTo(DemoCard.cardUserId());
        assertThat(card.path("spkiSha256").asText()).isEqualTo(DemoCard.certificateSpkiSha256());
        assertThat(card.path("status").asText()).isEqualTo("active");
        assertThat(hanakoAccount.toRepresentation().getRequiredActions()).isEmpty();
        assertThat(hanakoAccount.toRepresentation().getAttributes().get("cardUserId"))
                .containsExactly(DemoCard.cardUserId());
        assertThat(realm.admin().getEvents(List.of("UPDATE_CREDENTIAL"), null, hanako.getId(), null, null, null,
                0, 10)).anySatisfy(e -> assertThat(e.getDetails()).containsEntry("credential_type", "staff-card"));

        // 4. She signs in with the card and her own password, at the card + password level.
        LoginPage page = login.open();
        HttpResponse<String> signedIn = login.submit(page, cardStack.sign(page.challenge()), OWN_PASSWORD);
        assertThat(signedIn.statusCode()).as(LoginPage.errorText(signedIn.body())).isEqualTo(302);
        JsonNode tokens = login.redeem(signedIn);
        JsonNode claims = IdTokens.verifiedClaims(login.realmUrl(), tokens.path("id_token").asText());
        assertThat(claims.path("sub").asText()).isEqualTo(hanako.getId());
        assertThat(claims.path("acr").asText()).isEqualTo("card-password");
        assertThat(RealmEvents.last(realm.admin(), "LOGIN").getDetails())
                .containsEntry("card_user_id", DemoCard.cardUserId());
        assertThat(hanakoAccount.getUserSessions()).as("the enrolment's session and this one").hasSize(2);

        // 5. She reports the card lost; the admin revokes it, which ends her sessions and is on record.
        StaffCardsApi.Answer revoked = desk.revoke("f-0001", card.path("id").asText(), "lost", "reported by phone");
        assertThat(revoked.status()).as(revoked.body().toString()).isEqualTo(200);
        assertThat(revoked.body().path("sessionsEnded").asInt()).isEqualTo(2);
        assertThat(hanakoAccount.getUserSessions()).isEmpty();
        HttpResponse<String> refreshed = login.refresh(tokens.path("refresh_token").asText());
        assertThat(refreshed.statusCode()).isEqualTo(400);
        assertThat(refreshed.body()).contains("invalid_grant");
        List<AdminEventRepresentation> events = RealmEvents.staffCardAdminEvents(realm.admin());
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getOperationType()).isEqualTo("ACTION");
            assertThat(e.getResourcePath()).isEqualTo("users/" + hanako.getId() + "/staff-cards/"
                    + card.path("id").asText());
            assertThat(e.getAuthDetails().getUserId()).isEqualTo(deskClient.serviceAccountUserId());
            assertThat(e.getDetails()).containsEntry("reason", "lost").containsEntry("note", "reported by phone");
        });

        // 6. Whoever holds the card now cannot sign in with it, even with her password, and is told why.
        OidcLogin again = new OidcLogin(CardStack.KEYCLOAK_ORIGIN);
        LoginPage againPage = again.open();
        HttpResponse<String> refusedSignIn = again.submit(againPage, cardStack.sign(againPage.challenge()),
                OWN_PASSWORD);
        assertThat(refusedSignIn.statusCode()).isEqualTo(200);
        assertThat(refusedSignIn.body()).contains(ThemeMessages.english("cardBindingRevoked"));
        EventRepresentation refusal = RealmEvents.last(realm.admin(), "LOGIN_ERROR");
        assertThat(refusal.getError()).isEqualTo("card_binding_revoked");
        assertThat(refusal.getDetails()).containsEntry("card_binding_revocation_reason", "lost");
        assertThat(hanakoAccount.getUserSessions()).isEmpty();
    }

    /**
     * HR's file as Excel saves it: Japanese headings, UTF-8 with a byte order mark. Two good rows, the first for the
     * card in the test reader; then a bad email (line 4), a missing family name (line 5) and a card user ID with a
     * space (line 6).
     */
    private Path hrFile() throws Exception {
        String rows = BYTE_ORDER_MARK + "職員番号,姓,名,メールアドレス,所属,カード利用者ID\n"
                + "F-0001,佐藤,花子,sato.hanako@example.lg.jp,総務部/人事課;情報政策課," + DemoCard.cardUserId() + "\n"
                + "F-0002,鈴木,一郎,suzuki.ichiro@example.lg.jp,財務部,F0002\n"
                + "F-0003,高橋,次郎,takahashi.jiro@example,財務部,F0003\n"
                + "F-0004,,三郎,ito.saburo@example.lg.jp,財務部,F0004\n"
                + "F-0005,渡辺,五郎,watanabe.goro@example.lg.jp,財務部,F 0005\n";
        Path file = hrFolder.resolve("staff.csv");
        Files.writeString(file, rows, StandardCharsets.UTF_8);
        return file;
    }

    private static ImportOutcome importFile(StaffImportRun importRun, Path csv, ImportOptions options)
            throws Exception {
        try (InputStream in = Files.newInputStream(csv)) {
            return importRun.run(in, options);
        }
    }

    private static CredentialRepresentation temporaryPassword() {
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(TEMPORARY_PASSWORD);
        password.setTemporary(true);
        return password;
    }
}
