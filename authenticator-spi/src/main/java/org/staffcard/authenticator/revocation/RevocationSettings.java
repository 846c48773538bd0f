package org.staffcard.authenticator.revocation;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the revocation check is told by the admin. Refuses a setting that cannot work when it is built, so the
 * admin log names the setting at the first sign-in rather than each card failing for an unclear reason.
 *
 * @param policy                 which sources to ask
 * @param failOpen               let a card through when no answer can be had; off by default
 * @param ocspResponder          a designated responder; when empty, the address in the certificate's AIA is used
 * @param ocspResponderCertificate the designated responder's own signing certificate, trusted as configured
 * @param nonce                  whether an OCSP answer must echo our nonce
 * @param connectTimeout         for each OCSP or CRL connection
 * @param readTimeout            for each wait on an answer
 * @param crlLocations           file paths or http addresses of complete CRLs
 * @param crlMaxAge              a CRL is fetched again after this long even before its nextUpdate
 * @param clockSkew              allowed difference between our clock and the issuer's dates
 * @param crlDistributionPoints  also read CRLs from the http:// distribution points in each card certificate
 */
public record RevocationSettings(RevocationPolicy policy, boolean failOpen, Optional<URI> ocspResponder,
                                 Optional<X509Certificate> ocspResponderCertificate, NoncePolicy nonce,
                                 Duration connectTimeout, Duration readTimeout, List<String> crlLocations,
                                 Duration crlMaxAge, Duration clockSkew, boolean crlDistributionPoints) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_CRL_MAX_AGE = Duration.ofHours(1);

    /** Beyond this, one unreachable responder holds every sign-in long enough for users to give up. */
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    public RevocationSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(ocspResponder, "ocspResponder");
        Objects.requireNonNull(ocspResponderCertificate, "ocspResponderCertificate");
        Objects.requireNonNull(nonce, "nonce");
        crlLocations = List.copyOf(crlLocations);
        requireBetween("connect timeout", connectTimeout, Duration.ofMillis(100), MAX_TIMEOUT);
        requireBetween("read timeout", readTimeout, Duration.ofMillis(100), MAX_TIMEOUT);
        requireBetween("CRL maximum age", crlMaxAge, Duration.ofMinutes(1), Duration.ofDays(7));
        requireBetween("clock skew", clockSkew, Duration.ZERO, Duration.ofHours(1));

        ocspResponder.ifPresent(uri -> {
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("OCSP responder address '" + uri + "' is not an http:// address");
            }
        });
        if (ocspResponderCertificate.isPresent() && ocspResponder.isEmpty()) {
            throw new IllegalArgumentException("an OCSP responder certificate is set without the responder address");
        }
        if (policy.usesCrl() && crlLocations.isEmpty() && !crlDistributionPoints) {
            throw new IllegalArgumentException("revocation policy '" + policy.setting()
                    + "' needs at least one CRL location (a file path or an http:// address) or CRLs read from the "
                    + "certificates' distribution points");
        }
        for (String location : crlLocations) {
            CrlLocation.of(location);
        }
    }

    /** Settings that read CRLs only from the configured locations. */
    public RevocationSettings(RevocationPolicy policy, boolean failOpen, Optional<URI> ocspResponder,
                              Optional<X509Certificate> ocspResponderCertificate, NoncePolicy nonce,
                              Duration connectTimeout, Duration readTimeout, List<String> crlLocations,
                              Duration crlMaxAge, Duration clockSkew) {
        this(policy, failOpen, ocspResponder, ocspResponderCertificate, nonce, connectTimeout, readTimeout,
                crlLocations, crlMaxAge, clockSkew, false);
    }

    /** No revocation checking at all. */
    public static RevocationSettings none() {
        return new RevocationSettings(RevocationPolicy.NONE, false, Optional.empty(), Optional.empty(),
                NoncePolicy.REQUIRED, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, List.of(), DEFAULT_CRL_MAX_AGE,
                Duration.ofMinutes(1));
    }

    private static void requireBetween(String name, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
