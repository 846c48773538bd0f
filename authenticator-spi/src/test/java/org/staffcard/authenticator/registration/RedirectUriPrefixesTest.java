package org.staffcard.authenticator.registration;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedirectUriPrefixesTest {

    private static final RedirectUriPrefixes PAYROLL = RedirectUriPrefixes.of(
            List.of("https://apps.example.lg.jp/payroll/"));

    @Test
    void admitsAddressesUnderThePrefix() {
        assertThat(PAYROLL.contains("https://apps.example.lg.jp/payroll/callback")).isTrue();
        assertThat(PAYROLL.contains("https://apps.example.lg.jp/payroll/*")).isTrue();
        assertThat(PAYROLL.contains("https://APPS.example.lg.jp:443/payroll/cb?x=1")).isTrue();
    }

    @Test
    void refusesAHostThatOnlyStartsWithTheSameName() {
        assertThat(PAYROLL.contains("https://apps.example.lg.jp.evil.example/payroll/callback")).isFalse();
    }

    @Test
    void refusesASiblingPathThatOnlyStartsWithTheSameLetters() {
        assertThat(PAYROLL.contains("https://apps.example.lg.jp/payroll-copy/callback")).isFalse();
        assertThat(PAYROLL.contains("https://apps.example.lg.jp/payroll")).isFalse();
    }

    @Test
    void refusesAnotherSchemeOrPort() {
        assertThat(PAYROLL.contains("http://apps.example.lg.jp/payroll/callback")).isFalse();
        assertThat(PAYROLL.contains("https://apps.example.lg.jp:8443/payroll/callback")).isFalse();
    }

    @Test
    void refusesAddressesThatClimbOutOfThePath() {
        assertThat(PAYROLL.contains("https://apps.example.lg.jp/payroll/../admin/callback")).isFalse();
        assertThat(PAYROLL.contains("https://apps.example.lg.jp/payroll/%2e%2e/admin/callback")).isFalse();
    }

    @Test
    void refusesUserInfoFragmentsRelativeAndOtherSchemes() {
        assertThat(PAYROLL.contains("https://apps.example.lg.jp@evil.example/payroll/cb")).isFalse();
        assertThat(PAYROLL.contains("https://evil.example@apps.example.lg.jp/payroll/cb")).isFalse();
        assertThat(PAYROLL.contains("https://apps.example.lg.jp/payroll/cb#x")).isFalse();
        assertThat(PAYROLL.contains("/payroll/cb")).isFalse();
        assertThat(PAYROLL.contains("javascript:alert(1)")).isFalse();
        assertThat(PAYROLL.contains("*")).isFalse();
    }

    @Test
    void aPrefixMustEndWithASlash() {
        assertThatThrownBy(() -> RedirectUriPrefixes.of(List.of("https://apps.example.lg.jp/payroll")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end with '/'");
    }

    @Test
    void aPrefixMustBeAnAbsoluteWebAddress() {
        assertThatThrownBy(() -> RedirectUriPrefixes.of(List.of("apps.example.lg.jp/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedirectUriPrefixes.of(List.of("ftp://apps.example.lg.jp/")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
