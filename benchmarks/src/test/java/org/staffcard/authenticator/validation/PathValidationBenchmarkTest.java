package org.staffcard.authenticator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.PKIXCertPathValidatorResult;

import org.junit.jupiter.api.Test;

/** The three ways the path benchmark times must each accept its card, or the timings compare nothing. */
class PathValidationBenchmarkTest {

    @Test
    void jdkAndBouncyCastleBothValidateTheBenchmarkPathToTheSameAnchor() throws Exception {
        PathValidationBenchmark benchmark = new PathValidationBenchmark();
        benchmark.card = "ES256";
        benchmark.prepare();

        PKIXCertPathValidatorResult jdk = (PKIXCertPathValidatorResult) benchmark.jdkPkix();
        PKIXCertPathValidatorResult bouncyCastle = (PKIXCertPathValidatorResult) benchmark.bouncyCastlePkix();

        assertThat(bouncyCastle.getTrustAnchor().getTrustedCert())
                .isEqualTo(jdk.getTrustAnchor().getTrustedCert());
        assertThat(benchmark.pathStep().anchor()).contains(jdk.getTrustAnchor().getTrustedCert());
    }
}
