package org.staffcard.authenticator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.staffcard.authenticator.validation.CardPurposeFixture.CHALLENGE;
import static org.staffcard.authenticator.validation.CardPurposeFixture.ORIGIN;
import static org.staffcard.authenticator.validation.CardPurposeFixture.assertionWith;
import static org.staffcard.authenticator.validation.CardPurposeFixture.leafWithExtendedKeyUsages;

import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

/** A PIV-style deployment names the purpose a staff card certificate must state; JPKI cards state none. */
class ExtendedKeyUsageCheckTest {

    /** Microsoft smart card logon, the purpose PIV authentication certificates commonly state. */
    private static final String SMART_CARD_LOGON = "1.3.6.1.4.1.311.20.2.2";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final CardAssertionValidator smartCardLogonRequired = CardPurposeFixture.validator()
            .requiredExtendedKeyUsage(SMART_CARD_LOGON).build();

    @Test
    void acceptsCardStatingTheRequiredPurposeAmongOthers() throws Exception {
        X509Certificate leaf = leafWithExtendedKeyUsages(CLIENT_AUTH, SMART_CARD_LOGON);

        assertThat(smartCardLogonRequired.validate(assertionWith(leaf), ORIGIN, CHALLENGE).leaf()).isEqualTo(leaf);
    }

    @Test
    void refusesCardStatingOnlyAnotherPurpose() {
        X509Certificate leaf = leafWithExtendedKeyUsages(CLIENT_AUTH);

        assertThatExceptionOfType(ExtendedKeyUsageMissingException.class)
                .isThrownBy(() -> smartCardLogonRequired.validate(assertionWith(leaf), ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.adminDetail()).contains(SMART_CARD_LOGON, CLIENT_AUTH))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(ExtendedKeyUsageMissingException.ERROR_CODE));
    }

    @Test
    void refusesCardWithoutExtendedKeyUsageWhenOneIsRequired() {
        X509Certificate leaf = leafWithExtendedKeyUsages();

        assertThatExceptionOfType(ExtendedKeyUsageMissingException.class)
                .isThrownBy(() -> smartCardLogonRequired.validate(assertionWith(leaf), ORIGIN, CHALLENGE))
                .satisfies(e -> assertThat(e.adminDetail()).contains("(it states none)"));
    }

    @Test
    void withoutTheSettingACardWithoutExtendedKeyUsageIsAccepted() throws Exception {
        X509Certificate jpkiLike = leafWithExtendedKeyUsages();

        CardAssertionValidator unconfigured = CardPurposeFixture.validator().build();

        assertThat(unconfigured.validate(assertionWith(jpkiLike), ORIGIN, CHALLENGE).leaf()).isEqualTo(jpkiLike);
    }

    @Test
    void builderRefusesARequiredPurposeThatIsNotAnOid() {
        var builder = CardPurposeFixture.validator();

        assertThatIllegalArgumentException().isThrownBy(() -> builder.requiredExtendedKeyUsage("smartcardLogon"));
    }
}
