package org.staffcard.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.staffcard.authenticator.revocation.NoncePolicy;
import org.staffcard.authenticator.revocation.RevocationChecker;
import org.staffcard.authenticator.revocation.RevocationPolicy;
import org.staffcard.authenticator.revocation.RevocationSettings;
import org.staffcard.authenticator.validation.CardAssertionValidator;
import org.staffcard.authenticator.validation.CardValidationException;
import org.staffcard.authenticator.validation.RevocationOutcome;
import org.staffcard.authenticator.validation.TrustAnchors;
import org.staffcard.authenticator.validation.ValidatedCard;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;

/**
 * One sign-in as the server sees it after the page posted the form: an assertion signed by a card whose
 * certificate the CA issued directly, a validator configured like production with the CRL revocation policy, and
 * that CRL already loaded, so each validation answers revocation from memory as every sign-in but the first does.
 */
public final class SignInFixture {

    public static final String ORIGIN = "https://sso.example.lg.jp";
    public static final String CARD_USER_ID = "S0012345";

    /** A fixed challenge: its value does not change the work, only that it is the one the card signed. */
    private static final Challenge CHALLENGE = Challenge.fromText("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA");

    /** The CRL of the sign-in fixture lists a few other cards, so the lookup searches a real, non-empty list. */
    private static final int REVOKED_OTHER_CARDS = 100;

    private final SignatureAlgorithm algorithm;
    private final PublicKey cardKey;
    private final CardAssertion assertion;
    private final byte[] payload;
    private final CardAssertionValidator validator;

    private SignInFixture(SignatureAlgorithm algorithm, PublicKey cardKey, CardAssertion assertion,
                          CardAssertionValidator validator) {
        this.algorithm = algorithm;
        this.cardKey = cardKey;
        this.assertion = assertion;
        this.payload = SignedPayload.of(ORIGIN, CHALLENGE, assertion.cardUserId());
        this.validator = validator;
    }

    /**
     * Makes the PKI, the card, its assertion and the CRL file in {@code directory}, then validates once so the CRL
     * is loaded before anything is timed.
     *
     * @param algorithm {@link SignatureAlgorithm#RS256} for an RSA-2048 card, {@link SignatureAlgorithm#ES256} for
     *                  a P-256 card
     * @throws IllegalStateException when the first validation does not accept the card with a good CRL answer
     */
    public static SignInFixture create(SignatureAlgorithm algorithm, Path directory) {
        BenchmarkPki pki = BenchmarkPki.create("CN=Staff Card Benchmark CA,O=Staffcard Benchmark,C=JP");
        KeyPair cardKey = algorithm.isRsa() ? BenchmarkPki.rsa2048() : BenchmarkPki.p256();
        X509Certificate leaf = pki.card("CN=" + CARD_USER_ID + ",O=Staffcard Benchmark", cardKey.getPublic());

        byte[] signature = sign(algorithm, cardKey, SignedPayload.of(ORIGIN, CHALLENGE, CARD_USER_ID));
        CardAssertion assertion = new CardAssertion(CARD_USER_ID, List.of(encoded(leaf)), algorithm, signature);

        Path crl = directory.resolve("sign-in-" + algorithm.name().toLowerCase(Locale.ROOT) + ".crl");
        write(crl, pki.crl(1_000_000_000L, 7, REVOKED_OTHER_CARDS, Duration.ofDays(1)));

        RevocationSettings revocation = new RevocationSettings(RevocationPolicy.CRL, false, Optional.empty(),
                Optional.empty(), NoncePolicy.REQUIRED, RevocationSettings.DEFAULT_CONNECT_TIMEOUT,
                RevocationSettings.DEFAULT_READ_TIMEOUT, List.of(crl.toAbsolutePath().toString()),
                RevocationSettings.DEFAULT_CRL_MAX_AGE, CardAssertionValidator.DEFAULT_CLOCK_SKEW);
        CardAssertionValidator validator = CardAssertionValidator.builder(TrustAnchors.fromPem(pem(pki.ca())))
                .revocationCheck(RevocationChecker.of(revocation, Clock.systemUTC()))
                .build();

        SignInFixture fixture = new SignInFixture(algorithm, cardKey.getPublic(), assertion, validator);
        fixture.requireAcceptedWithGoodCrlAnswer();
        return fixture;
    }

    /** The whole server-side check of the assertion, revocation included. */
    public ValidatedCard validate() throws CardValidationException {
        return validator.validate(assertion, ORIGIN, CHALLENGE);
    }

    /**
     * The baseline: only the signature, verified with the card's key over the same signed bytes, through the
     * JCA as any server would do it, without certificate, path or revocation work.
     */
    public boolean verifyBareSignature() throws GeneralSecurityException {
        Signature verifier = algorithm.newSignature();
        verifier.initVerify(cardKey);
        verifier.update(payload);
        return verifier.verify(assertion.signature());
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    private void requireAcceptedWithGoodCrlAnswer() {
        try {
            ValidatedCard card = validate();
            if (card.revocation().kind() != RevocationOutcome.Kind.GOOD || !card.revocation().detail()
                    .startsWith("CRL")) {
                throw new IllegalStateException("the sign-in fixture was accepted without a good CRL answer: "
                        + card.revocation());
            }
            if (!verifyBareSignature()) {
                throw new IllegalStateException("the bare signature of the sign-in fixture does not verify");
            }
        } catch (CardValidationException | GeneralSecurityException e) {
            throw new IllegalStateException("the sign-in fixture is refused: " + e.getMessage(), e);
        }
    }

    private static byte[] sign(SignatureAlgorithm algorithm, KeyPair key, byte[] payload) {
        try {
            Signature signer = algorithm.newSignature();
            signer.initSign(key.getPrivate());
            signer.update(payload);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(X509Certificate certificate) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(encoded(certificate)) + "\n-----END CERTIFICATE-----\n";
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
