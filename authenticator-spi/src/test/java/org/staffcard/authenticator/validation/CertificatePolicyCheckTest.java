package org.staffcard.authenticator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.staffcard.authenticator.validation.CardPurposeFixture.CHALLENGE;
import static org.staffcard.authenticator.validation.CardPurposeFixture.ORIGIN;
import static org.staffcard.authenticator.validation.CardPurposeFixture.assertionWith;
import static org.staffcard.authenticator.validation.CardPurposeFixture.leafWithPolicies;

import java.security.cert.X509Certificate;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** An issuer that signs staff cards and other kinds with one CA tells them apart only by certificate policy. */
class CertificatePolicyCheckTest {

    private static final String STAFF_CARD_POLICY = "1.2.392.200149.8.5.5.1";
    private static final String TEST_CARD_POLICY = "1.2.392.200149.8.5.5.99";
    private static final String DEVICE_POLICY = "1.2.392.200149.8.5.5.7";

    private final CardAssertionValidator staffCardsOnly = CardPurposeFixture.validator()
            .certificatePolicies(new CertificatePolicyRule(Set.of(STAFF_CARD_POLICY), Set.of())).build();
    private final CardAssertionValidator noTestCards = CardPurposeFixture.validator()
            .certificatePolicies(new CertificatePolicyRule(Set.of(), Set.of(TEST_CARD_POLICY))).build();

    @Test
    void acceptsCardCarryingAnAllowedPolicy() throws Exception {
        X509Certificate leaf = leafWithPolicies(DEVICE_POLICY, STAFF_CARD_POLICY);

        assertThat(staffCardsOnly.validate(assertionWith(leaf), ORIGIN, CHALLENGE).leaf()).isEqualTo(leaf);
    }

    @Test
    void refusesCardCarryingNoneOfTheAllowedPolicies() {
        X509Certificate leaf = leafWithPolicies(DEVICE_POLICY);

        assertThatExceptionOfType(CertificatePolicyRefusedException.class)
                .isThrownBy(() -> staffCardsOnly.validate(assertionWith(leaf), ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.adminDetail()).contains(DEVICE_POLICY, "none of the allowed"))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(CertificatePolicyRefusedException.ERROR_CODE));
    }

    @Test
    void refusesCardWithoutAnyPolicyWhenAnAllowListIsSet() {
        X509Certificate leaf = leafWithPolicies();

        assertThatExceptionOfType(CertificatePolicyRefusedException.class)
                .isThrownBy(() -> staffCardsOnly.validate(assertionWith(leaf), ORIGIN, CHALLENGE));
    }

    @Test
    void refusesCardCarryingADeniedPolicy() {
        X509Certificate leaf = leafWithPolicies(STAFF_CARD_POLICY, TEST_CARD_POLICY);

        assertThatExceptionOfType(CertificatePolicyRefusedException.class)
                .isThrownBy(() -> noTestCards.validate(assertionWith(leaf), ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.adminDetail()).contains(TEST_CARD_POLICY, "which is denied"));
    }

    @Test
    void deniedPolicyWinsOverAnAllowedOneOnTheSameCard() {
        CardAssertionValidator staffButNotTest = CardPurposeFixture.validator()
                .certificatePolicies(new CertificatePolicyRule(Set.of(STAFF_CARD_POLICY), Set.of(TEST_CARD_POLICY)))
                .build();
        X509Certificate leaf = leafWithPolicies(STAFF_CARD_POLICY, TEST_CARD_POLICY);

        assertThatExceptionOfType(CertificatePolicyRefusedException.class)
                .isThrownBy(() -> staffButNotTest.validate(assertionWith(leaf), ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.adminDetail()).contains("which is denied"));
    }

    @Test
    void denyListAloneLetsInCardsWithOtherPoliciesOrNone() throws Exception {
        X509Certificate staff = leafWithPolicies(STAFF_CARD_POLICY);
        X509Certificate withoutPolicies = leafWithPolicies();

        assertThat(noTestCards.validate(assertionWith(staff), ORIGIN, CHALLENGE).leaf()).isEqualTo(staff);
        assertThat(noTestCards.validate(assertionWith(withoutPolicies), ORIGIN, CHALLENGE).leaf())
                .isEqualTo(withoutPolicies);
    }

    @Test
    void ruleRefusesAnOidThatIsBothAllowedAndDenied() {
        Set<String> both = Set.of(STAFF_CARD_POLICY);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CertificatePolicyRule(both, both))
                .withMessageContaining("both allowed and denied");
    }
}
