package org.staffcard.authenticator.validation;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorResult;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.staffcard.benchmarks.BenchmarkPki;
import org.staffcard.benchmarks.ServerProviders;

/**
 * The path step of a sign-in, three ways on the same card and CA (an RSA-2048 CA that signs the cards directly):
 * the JDK's PKIX validator with the parameters the authenticator used to give it (the baseline), BouncyCastle's PKIX
 * validator with the same parameters, and the step as the validator now runs it (building the path, then
 * BouncyCastle's validation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PathValidationBenchmark {

    @Param({"RS256", "ES256"})
    public String card;

    private CertPath certPath;
    private PKIXParameters jdkParameters;
    private PKIXParameters bouncyCastleParameters;
    private CertPathValidator jdkValidator;
    private CertPathValidator bouncyCastleValidator;
    private List<X509Certificate> assertionChain;
    private TrustAnchors anchors;
    private TrustedPathCheck pathCheck;
    private CertificateIdentity leafIdentity;

    @Setup
    public void prepare() throws GeneralSecurityException {
        ServerProviders.registerBouncyCastle();
        BenchmarkPki pki = BenchmarkPki.create("CN=Staff Card Benchmark CA,O=Staffcard Benchmark,C=JP");
        KeyPair cardKey = card.equals("RS256") ? BenchmarkPki.rsa2048() : BenchmarkPki.p256();
        X509Certificate leaf = pki.card("CN=S0012345,O=Staffcard Benchmark", cardKey.getPublic());

        assertionChain = List.of(leaf);
        anchors = TrustAnchors.fromPem(pem(pki.ca()));
        pathCheck = new TrustedPathCheck(Clock.systemUTC());
        leafIdentity = CertificateIdentity.of(leaf);

        certPath = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
        jdkParameters = parameters(pki.ca());
        bouncyCastleParameters = parameters(pki.ca());
        PathSignatureProvider.forPath(CardCertificatePath.build(assertionChain, IntermediateCertificates.NONE, anchors))
                .ifPresent(bouncyCastleParameters::setSigProvider);
        jdkValidator = CertPathValidator.getInstance("PKIX");
        bouncyCastleValidator = CertPathValidator.getInstance("PKIX", BouncyCastleInstance.get());

        jdkPkix();
        bouncyCastlePkix();
        try {
            pathStep();
        } catch (CardValidationException e) {
            throw new IllegalStateException("the benchmark path is refused: " + e.adminDetail(), e);
        }
    }

    @Benchmark
    public CertPathValidatorResult jdkPkix() throws GeneralSecurityException {
        return jdkValidator.validate(certPath, jdkParameters);
    }

    @Benchmark
    public CertPathValidatorResult bouncyCastlePkix() throws GeneralSecurityException {
        return bouncyCastleValidator.validate(certPath, bouncyCastleParameters);
    }

    @Benchmark
    public CardCertificatePath pathStep() throws CardValidationException {
        CardCertificatePath path = CardCertificatePath.build(assertionChain, IntermediateCertificates.NONE, anchors);
        pathCheck.check(path, leafIdentity);
        return path;
    }

    private static PKIXParameters parameters(X509Certificate ca) throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setPolicyQualifiersRejected(false);
        parameters.setDate(new Date());
        return parameters;
    }

    private static String pem(X509Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }
}
