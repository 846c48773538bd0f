package org.staffcard.authenticator;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.staffcard.authenticator.credential.CardBindings;
import org.staffcard.authenticator.credential.CardCredentialData;
import org.staffcard.authenticator.credential.CardRevocation;
import org.staffcard.authenticator.credential.RevocationReason;
import org.staffcard.authenticator.credential.StaffAccount;
import org.staffcard.authenticator.credential.StaffCardCredentialModel;
import org.staffcard.authenticator.validation.SpkiFingerprint;
import org.staffcard.authenticator.validation.ValidatedCard;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of an account's card credentials a validated card is: the binding is key and card user ID together. */
class EnrolledCardsTest {

    private static final X509Certificate CARD = certificate();
    private static final X509Certificate OTHER_CARD = certificate();

    private final StaffAccount account = new StaffAccount("sato.hanako");

    @Test
    void activeCardWithTheSameKeyAndIdIsHeld() {
        StaffCardCredentialModel bound = bind("S0012345", CARD);

        EnrolledCards.Enrolment enrolment = EnrolledCards.find(account, new ValidatedCard("S0012345", CARD));

        assertThat(enrolment).isInstanceOfSatisfying(EnrolledCards.Enrolment.Active.class,
                active -> assertThat(active.credential().getId()).isEqualTo(bound.getId()));
        assertThat(EnrolledCards.holds(null, null, account, new ValidatedCard("S0012345", CARD))).isTrue();
    }

    @Test
    void revokedCardIsToldApartFromAnUnknownOne() throws Exception {
        StaffCardCredentialModel bound = bind("S0012345", CARD);
        CardBindings.revoke(account, bound, new CardRevocation(RevocationReason.LOST, null, "desk", 1L));

        assertThat(EnrolledCards.find(account, new ValidatedCard("S0012345", CARD)))
                .isInstanceOf(EnrolledCards.Enrolment.Revoked.class);
        assertThat(EnrolledCards.holds(null, null, account, new ValidatedCard("S0012345", CARD))).isFalse();
    }

    @Test
    void aReplacementBesideTheRevokedCardIsHeld() throws Exception {
        StaffCardCredentialModel old = bind("S0012345", OTHER_CARD);
        CardBindings.revoke(account, old, new CardRevocation(RevocationReason.REPLACED, null, "desk", 1L));
        StaffCardCredentialModel replacement = bind("S0012345", CARD);

        assertThat(EnrolledCards.find(account, new ValidatedCard("S0012345", CARD)))
                .isInstanceOfSatisfying(EnrolledCards.Enrolment.Active.class,
                        active -> assertThat(active.credential().getId()).isEqualTo(replacement.getId()));
    }

    @Test
    void theSameKeyClaimingAnotherCardUserIdIsNotHeld() {
        bind("S0012345", CARD);

        assertThat(EnrolledCards.find(account, new ValidatedCard("S0099999", CARD)))
                .isInstanceOf(EnrolledCards.Enrolment.None.class);
    }

    @Test
    void anotherCertificateKeyUnderTheSameIdIsNotHeld() {
        bind("S0012345", CARD);

        assertThat(EnrolledCards.find(account, new ValidatedCard("S0012345", OTHER_CARD)))
                .isInstanceOf(EnrolledCards.Enrolment.None.class);
    }

    private StaffCardCredentialModel bind(String cardUserId, X509Certificate certificate) {
        CardCredentialData data = new CardCredentialData(cardUserId, SpkiFingerprint.sha256Hex(certificate), null,
                null, null, 1L, null, null);
        return StaffCardCredentialModel.of(account.credentialManager()
                .createStoredCredential(StaffCardCredentialModel.create(data, null)));
    }

    private static X509Certificate certificate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair key = generator.generateKeyPair();
            X500Name name = new X500Name("CN=Enrolled Card Test");
            Instant now = Instant.now();
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)),
                    name, key.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(key.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
