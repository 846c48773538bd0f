package org.staffcard.virtualcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestCardsTest {

    @Test
    void issuedCardIsSignedByItsAuthority() throws Exception {
        TestCard card = TestCards.issue("S0000001");

        card.certificate().verify(card.authority().certificate().getPublicKey());

        assertThat(card.cardUserId()).isEqualTo("S0000001");
        assertThat(card.certificate().getKeyUsage()[0]).as("digitalSignature").isTrue();
    }

    @Test
    void keyUsageIsTheOneAsked() {
        TestCard card = TestCards.issue(TestCardSpec.of("S0000002")
                .withKeyUsage(EnumSet.of(CertificateKeyUsage.KEY_ENCIPHERMENT)));

        boolean[] usage = card.certificate().getKeyUsage();

        assertThat(usage[0]).as("digitalSignature").isFalse();
        assertThat(usage[2]).as("keyEncipherment").isTrue();
    }

    @Test
    void emptyKeyUsageLeavesTheExtensionOut() {
        TestCard card = TestCards.issue(TestCardSpec.of("S0000003").withKeyUsage(Set.of()));

        assertThat(card.certificate().getKeyUsage()).isNull();
    }

    @Test
    void validityIsTheOneAsked() {
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        Instant to = Instant.parse("2021-01-01T00:00:00Z");

        TestCard card = TestCards.issue(TestCardSpec.of("S0000004").withValidity(from, to));

        assertThat(card.certificate().getNotBefore().toInstant()).isEqualTo(from);
        assertThat(card.certificate().getNotAfter().toInstant()).isEqualTo(to);
    }

    @Test
    void twoCardsOfOneAuthorityShareItsCertificate() {
        TestCertificateAuthority authority = TestCertificateAuthority.create("CN=Shared Test CA");

        TestCard first = authority.issue(TestCardSpec.of("S1"));
        TestCard second = authority.issue(TestCardSpec.of("S2"));

        assertThat(first.profile().caCertificate()).contains(authority.certificate());
        assertThat(second.certificate().getIssuerX500Principal())
                .isEqualTo(first.certificate().getIssuerX500Principal());
        assertThat(first.spkiSha256()).isNotEqualTo(second.spkiSha256());
    }

    @Test
    void validityEndingBeforeItStartsIsRefused() {
        Instant now = Instant.now();

        assertThatThrownBy(() -> TestCardSpec.of("S5").withValidity(now, now.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void profileNeverShowsThePin() {
        TestCard card = TestCards.issue(TestCardSpec.of("S0000006").withPin("9876"));

        assertThat(card.profile().toString()).doesNotContain("9876");
    }
}
