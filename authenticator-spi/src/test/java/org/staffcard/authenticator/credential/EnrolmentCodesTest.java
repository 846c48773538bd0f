package org.staffcard.authenticator.credential;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrolmentCodesTest {

    private final StaffAccount account = new StaffAccount("sato.hanako");

    @AfterEach
    void resetClock() {
        Time.setOffset(0);
    }

    @Test
    void issuedCodeIsSixteenCharactersInGroupsOfFour() {
        EnrolmentCodes.IssuedCode issued = EnrolmentCodes.issue(account, Duration.ofHours(1), "desk");

        assertThat(issued.code()).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
    }

    @Test
    void codeMatchesAsTypedInLowerCaseWithoutDashes() {
        EnrolmentCodes.IssuedCode issued = EnrolmentCodes.issue(account, Duration.ofHours(1), "desk");

        String typed = " " + issued.code().replace("-", "").toLowerCase(Locale.ROOT) + " ";

        assertThat(EnrolmentCodes.match(account, typed)).isPresent();
    }

    @Test
    void anotherCodeDoesNotMatch() {
        EnrolmentCodes.issue(account, Duration.ofHours(1), "desk");

        assertThat(EnrolmentCodes.match(account, "0000-0000-0000-0000")).isEmpty();
        assertThat(EnrolmentCodes.match(account, null)).isEmpty();
    }

    @Test
    void expiredCodeDoesNotMatchAndIsNoLongerPending() {
        EnrolmentCodes.IssuedCode issued = EnrolmentCodes.issue(account, Duration.ofHours(1), "desk");
        String id = EnrolmentCodes.match(account, issued.code()).orElseThrow();

        Time.setOffset((int) Duration.ofHours(1).plusSeconds(5).toSeconds());

        assertThat(EnrolmentCodes.match(account, issued.code())).isEmpty();
        assertThat(EnrolmentCodes.stillPending(account, id)).isFalse();
    }

    @Test
    void newCodeReplacesThePendingOne() {
        EnrolmentCodes.IssuedCode first = EnrolmentCodes.issue(account, Duration.ofHours(1), "desk");
        EnrolmentCodes.IssuedCode second = EnrolmentCodes.issue(account, Duration.ofHours(1), "desk");

        assertThat(EnrolmentCodes.match(account, first.code())).isEmpty();
        assertThat(EnrolmentCodes.match(account, second.code())).isPresent();
        assertThat(codes()).hasSize(1);
    }

    @Test
    void consumedCodeWorksNoMore() {
        EnrolmentCodes.IssuedCode issued = EnrolmentCodes.issue(account, Duration.ofHours(1), "desk");
        String id = EnrolmentCodes.match(account, issued.code()).orElseThrow();

        EnrolmentCodes.consume(account, id);

        assertThat(EnrolmentCodes.match(account, issued.code())).isEmpty();
        assertThat(EnrolmentCodes.stillPending(account, id)).isFalse();
    }

    @Test
    void onlyASaltedHashIsStoredAndTheExpiryAndIssuerAreVisible() {
        EnrolmentCodes.IssuedCode issued = EnrolmentCodes.issue(account, Duration.ofHours(2), "desk");
        CredentialModel stored = codes().get(0);
        String plain = issued.code().replace("-", "");

        assertThat(stored.getSecretData()).doesNotContain(plain).contains("salt").contains("hash");
        assertThat(stored.getCredentialData()).doesNotContain(plain).contains("desk")
                .contains(Long.toString(issued.expiresAt().toEpochMilli()));
    }

    @Test
    void twoCodesOfTheSameValueHashDifferently() {
        StaffAccount other = new StaffAccount("other");
        EnrolmentCodes.issue(account, Duration.ofHours(1), "desk");
        EnrolmentCodes.issue(other, Duration.ofHours(1), "desk");

        assertThat(codes().get(0).getSecretData())
                .isNotEqualTo(other.credentialManager().getStoredCredentialsStream().findFirst().orElseThrow()
                        .getSecretData());
    }

    @Test
    void lifetimeBeyondThirtyDaysOrNoneIsRefused() {
        assertThatThrownBy(() -> EnrolmentCodes.issue(account, Duration.ofDays(31), "desk"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnrolmentCodes.issue(account, Duration.ZERO, "desk"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lookAlikeLettersAreReadAsTheDigitsTheyResemble() {
        assertThat(EnrolmentCodes.normalise("il-Oo 7k")).isEqualTo("11007K");
    }

    private List<CredentialModel> codes() {
        return account.credentialManager().getStoredCredentialsByTypeStream(EnrolmentCodeCredentialModel.TYPE)
                .toList();
    }
}
