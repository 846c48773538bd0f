package org.staffcard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.staffcard.authenticator.validation.RevocationOutcome;
import org.staffcard.authenticator.validation.ValidatedCard;
import org.staffcard.protocol.SignatureAlgorithm;

/** The validation benchmark only means something if what it times is an accepted sign-in with a CRL answer. */
class SignInFixtureTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"RS256", "ES256"})
    void validatorAcceptsTheFixtureAssertionWithAGoodCrlAnswer(SignatureAlgorithm algorithm) throws Exception {
        SignInFixture fixture = SignInFixture.create(algorithm, directory);

        ValidatedCard card = fixture.validate();

        assertThat(card.cardUserId()).isEqualTo(SignInFixture.CARD_USER_ID);
        assertThat(card.revocation().kind()).isEqualTo(RevocationOutcome.Kind.GOOD);
        assertThat(card.revocation().detail()).startsWith("CRL 1 of 1");
        assertThat(directory.resolve("sign-in-" + algorithm.name().toLowerCase(Locale.ROOT) + ".crl")).isNotEmptyFile();
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"RS256", "ES256"})
    void baselineVerifiesTheSameSignatureWithTheCardKey(SignatureAlgorithm algorithm) throws Exception {
        SignInFixture fixture = SignInFixture.create(algorithm, directory);

        assertThat(fixture.verifyBareSignature()).isTrue();
        assertThat(fixture.algorithm()).isEqualTo(algorithm);
    }
}
