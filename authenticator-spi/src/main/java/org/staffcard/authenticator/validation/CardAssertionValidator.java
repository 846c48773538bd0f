package org.staffcard.authenticator.validation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;

/**
 * Decides whether a card assertion proves that a genuine, trusted card signed this server's challenge for the card
 * user ID it names. Built once from the configuration; immutable and safe to share between threads.
 *
 * <p>The checks run in a fixed order and the first failure ends the validation: algorithm allow-list, certificate
 * decoding, the leaf's key usage, its extended key usage and certificate policies when configured, the validity of
 * every certificate of the path (built through the intermediates the card sent or the configuration names), the
 * path to a trust anchor under BouncyCastle's PKIX rules, the leaf's issuer when accepted issuers are configured,
 * the signature, and last the revocation status. The
 * network-bound revocation step comes last so that only a card that proved possession of its key can cause a call.
 */
public final class CardAssertionValidator {

    /** Every algorithm of the wire format. */
    public static final Set<SignatureAlgorithm> DEFAULT_ALGORITHMS = Collections.unmodifiableSet(EnumSet.of(
            SignatureAlgorithm.RS256, SignatureAlgorithm.PS256, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384,
            SignatureAlgorithm.ES512));

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(1);

    /** A larger skew would let a certificate through hours after its CA declared it expired. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    private final TrustAnchors trustAnchors;
    private final IntermediateCertificates intermediates;
    private final AlgorithmAllowList algorithmAllowList;
    private final CertificateValidityCheck validityCheck;
    private final TrustedPathCheck trustedPathCheck;
    private final ExtendedKeyUsageCheck extendedKeyUsageCheck;
    private final CertificatePolicyCheck certificatePolicyCheck;
    private final IssuerAcceptanceCheck issuerAcceptanceCheck;
    private final RevocationCheck revocationCheck;

    /**
     * Builds a validator from the server's configuration; {@link #builder} offers the same with defaults.
     *
     * @param allowedAlgorithms the algorithms a card may declare; at least one
     * @param clockSkew         how far certificate dates may be off the server's clock, from 0 to
     *                          {@link #MAX_CLOCK_SKEW}
     * @throws IllegalArgumentException when the algorithm set is empty or the skew is out of range
     */
    public CardAssertionValidator(TrustAnchors trustAnchors, Clock clock, Set<SignatureAlgorithm> allowedAlgorithms,
                                  Duration clockSkew) {
        this(trustAnchors, IntermediateCertificates.NONE, clock, allowedAlgorithms, clockSkew, Optional.empty(),
                CertificatePolicyRule.ANY, AcceptedIssuers.ANY, RevocationCheck.NONE);
    }

    private CardAssertionValidator(TrustAnchors trustAnchors, IntermediateCertificates intermediates, Clock clock,
                                   Set<SignatureAlgorithm> allowedAlgorithms, Duration clockSkew,
                                   Optional<String> requiredExtendedKeyUsage, CertificatePolicyRule policyRule,
                                   AcceptedIssuers acceptedIssuers, RevocationCheck revocationCheck) {
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        Objects.requireNonNull(clock, "clock");
        requireAlgorithms(allowedAlgorithms);
        requireSkew(clockSkew);

        this.trustAnchors = trustAnchors;
        this.intermediates = Objects.requireNonNull(intermediates, "intermediates");
        this.algorithmAllowList = new AlgorithmAllowList(allowedAlgorithms);
        this.validityCheck = new CertificateValidityCheck(clock, clockSkew);
        this.trustedPathCheck = new TrustedPathCheck(clock);
        this.extendedKeyUsageCheck = new ExtendedKeyUsageCheck(requiredExtendedKeyUsage);
        this.certificatePolicyCheck = new CertificatePolicyCheck(Objects.requireNonNull(policyRule, "policyRule"));
        this.issuerAcceptanceCheck = new IssuerAcceptanceCheck(Objects.requireNonNull(acceptedIssuers,
                "acceptedIssuers"));
        this.revocationCheck = Objects.requireNonNull(revocationCheck, "revocationCheck");
    }

    public static Builder builder(TrustAnchors trustAnchors) {
        return new Builder(trustAnchors);
    }

    /**
     * Runs every check on {@code assertion}.
     *
     * @param expectedOrigin this server's own origin (scheme, host and port of its public address), never one taken
     *                       from the request
     * @param challenge      the challenge this server issued for the sign-in, taken from its own session
     * @return the card user ID and the leaf certificate, once all checks passed
     * @throws CardValidationException the first check that failed, as its own subclass
     */
    public ValidatedCard validate(CardAssertion assertion, String expectedOrigin, Challenge challenge)
            throws CardValidationException {
        Objects.requireNonNull(assertion, "assertion");
        Objects.requireNonNull(expectedOrigin, "expectedOrigin");
        Objects.requireNonNull(challenge, "challenge");

        algorithmAllowList.check(assertion.algorithm());

        CardCertificatePath path = checkedPath(assertion.certificateChain());
        X509Certificate leaf = path.leaf();
        CertificateIdentity leafIdentity = CertificateIdentity.of(leaf);

        AssertionSignatureCheck.check(assertion, leaf, leafIdentity, expectedOrigin, challenge);

        RevocationOutcome revocation = revocationCheck.check(leaf, issuerOf(path), leafIdentity);

        return new ValidatedCard(assertion.cardUserId(), leaf, revocation);
    }

    /**
     * Runs the certificate checks alone, without a signature or a revocation look-up: what an admin's binding of a
     * card needs, where no card is present to sign. The card proves its key at every sign-in, and its revocation
     * status is looked up then.
     *
     * @param certificateChain the card's certificate, then any intermediates, DER
     * @return the leaf certificate once every check passed
     * @throws CardValidationException the first check that failed, as its own subclass
     */
    public X509Certificate checkCertificate(List<byte[]> certificateChain) throws CardValidationException {
        return checkedPath(certificateChain).leaf();
    }

    /** The certificate checks, in order: purpose, extended key usage, policy, validity, trusted path, issuer. */
    private CardCertificatePath checkedPath(List<byte[]> certificateChain) throws CardValidationException {
        List<X509Certificate> chain = CertificateChainDecoder.decode(certificateChain);
        X509Certificate leaf = chain.get(0);
        CertificateIdentity leafIdentity = CertificateIdentity.of(leaf);

        DigitalSignaturePurposeCheck.check(leaf, leafIdentity);
        extendedKeyUsageCheck.check(leaf, leafIdentity);
        certificatePolicyCheck.check(leaf, leafIdentity);

        CardCertificatePath path = CardCertificatePath.build(chain, intermediates, trustAnchors);
        validityCheck.check(path, leafIdentity);

        trustedPathCheck.check(path, leafIdentity);

        issuerAcceptanceCheck.check(leaf, leafIdentity);
        return path;
    }

    /** The trusted path has been validated, so the leaf's issuer is either the next certificate or the anchor. */
    private static X509Certificate issuerOf(CardCertificatePath path) {
        return path.leafIssuer().orElseThrow(() -> new IllegalStateException("a validated path has an issuer"));
    }

    private static Set<SignatureAlgorithm> requireAlgorithms(Set<SignatureAlgorithm> allowedAlgorithms) {
        Objects.requireNonNull(allowedAlgorithms, "allowedAlgorithms");
        if (allowedAlgorithms.isEmpty()) {
            throw new IllegalArgumentException("allowed signature algorithms must name at least one of "
                    + DEFAULT_ALGORITHMS);
        }
        return EnumSet.copyOf(allowedAlgorithms);
    }

    private static Duration requireSkew(Duration clockSkew) {
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("clock skew must be between 0 and " + MAX_CLOCK_SKEW
                    + ", was " + clockSkew);
        }
        return clockSkew;
    }

    /** Collects the configuration and refuses a bad setting when the validator is built, not at the first sign-in. */
    public static final class Builder {

        private final TrustAnchors trustAnchors;
        private IntermediateCertificates intermediates = IntermediateCertificates.NONE;
        private AcceptedIssuers acceptedIssuers = AcceptedIssuers.ANY;
        private Clock clock = Clock.systemUTC();
        private Set<SignatureAlgorithm> allowedAlgorithms = DEFAULT_ALGORITHMS;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Optional<String> requiredExtendedKeyUsage = Optional.empty();
        private CertificatePolicyRule policyRule = CertificatePolicyRule.ANY;
        private RevocationCheck revocationCheck = RevocationCheck.NONE;

        private Builder(TrustAnchors trustAnchors) {
            this.trustAnchors = Objects.requireNonNull(trustAnchors, "trustAnchors");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder allowedAlgorithms(Set<SignatureAlgorithm> allowedAlgorithms) {
            this.allowedAlgorithms = requireAlgorithms(allowedAlgorithms);
            return this;
        }

        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = requireSkew(clockSkew);
            return this;
        }

        /** @throws IllegalArgumentException when {@code oid} is not a dotted object identifier */
        public Builder requiredExtendedKeyUsage(String oid) {
            CertificatePolicyRule.requireOid(oid);
            this.requiredExtendedKeyUsage = Optional.of(oid);
            return this;
        }

        public Builder certificatePolicies(CertificatePolicyRule rule) {
            this.policyRule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** CA certificates between the anchors and the cards that cards do not send; trusted only through a path. */
        public Builder intermediates(IntermediateCertificates intermediates) {
            this.intermediates = Objects.requireNonNull(intermediates, "intermediates");
            return this;
        }

        /** When not {@link AcceptedIssuers#ANY}, the leaf's issuer must be one of these names. */
        public Builder acceptedIssuers(AcceptedIssuers issuers) {
            this.acceptedIssuers = Objects.requireNonNull(issuers, "issuers");
            return this;
        }

        public Builder revocationCheck(RevocationCheck check) {
            this.revocationCheck = Objects.requireNonNull(check, "check");
            return this;
        }

        public CardAssertionValidator build() {
            return new CardAssertionValidator(trustAnchors, intermediates, clock, allowedAlgorithms, clockSkew,
                    requiredExtendedKeyUsage, policyRule, acceptedIssuers, revocationCheck);
        }
    }
}
