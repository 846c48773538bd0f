package org.staffcard.authenticator.validation;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * The path of a card's certificate: the leaf, the intermediates that lead from it to a configured trust anchor, and
 * that anchor. The intermediates are looked for among the certificates the assertion carries and those the
 * configuration names, in any order; the anchor is never part of the chain, even when the card sends a copy of it.
 *
 * <p>Building only proposes a path, by names, key identifiers and signatures; the PKIX validation that follows
 * decides whether it is sound (RFC 5280 section 6). The path is built first so that the dates of each of its
 * certificates can be checked with the allowed clock skew and a refusal can name the certificate that failed.
 */
final class CardCertificatePath {

    /** Longer than any real card hierarchy (root, one or two sub-CAs), and it bounds the search. */
    static final int MAX_INTERMEDIATES = 6;

    private final List<X509Certificate> chain;
    private final X509Certificate anchor;

    private CardCertificatePath(List<X509Certificate> chain, X509Certificate anchor) {
        this.chain = List.copyOf(chain);
        this.anchor = anchor;
    }

    /**
     * Builds the path of {@code assertionChain}'s first certificate. When no path reaches an anchor, the result is
     * the longest chain of issuers found, without an anchor, which the PKIX step then refuses.
     */
    static CardCertificatePath build(List<X509Certificate> assertionChain, IntermediateCertificates configured,
                                     TrustAnchors trustAnchors) {
        X509Certificate leaf = assertionChain.get(0);
        Set<X509Certificate> candidates = new LinkedHashSet<>(assertionChain.subList(1, assertionChain.size()));
        candidates.addAll(configured.certificates());
        candidates.removeIf(trustAnchors::contains);
        candidates.remove(leaf);

        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        List<X509Certificate> longest = new ArrayList<>(chain);
        Optional<CardCertificatePath> found = extend(chain, List.copyOf(candidates), trustAnchors, longest);
        return found.orElseGet(() -> new CardCertificatePath(longest, null));
    }

    /** Depth-first: CAs that renewed their key under the same name leave more than one candidate issuer. */
    private static Optional<CardCertificatePath> extend(List<X509Certificate> chain, List<X509Certificate> candidates,
                                                        TrustAnchors trustAnchors, List<X509Certificate> longest) {
        X509Certificate top = chain.get(chain.size() - 1);
        Optional<X509Certificate> anchor = trustAnchors.certificates().stream()
                .filter(candidate -> issued(candidate, top))
                .findFirst();
        if (anchor.isPresent()) {
            return Optional.of(new CardCertificatePath(chain, anchor.get()));
        }
        if (chain.size() > MAX_INTERMEDIATES) {
            return Optional.empty();
        }

        for (X509Certificate candidate : candidates) {
            if (chain.contains(candidate) || !issued(candidate, top)) {
                continue;
            }
            chain.add(candidate);
            if (chain.size() > longest.size()) {
                longest.clear();
                longest.addAll(chain);
            }
            Optional<CardCertificatePath> found = extend(chain, candidates, trustAnchors, longest);
            if (found.isPresent()) {
                return found;
            }
            chain.remove(chain.size() - 1);
        }
        return Optional.empty();
    }

    /** Whether {@code issuer} could have signed {@code subject}: its name, its key identifier, its signature. */
    private static boolean issued(X509Certificate issuer, X509Certificate subject) {
        if (!issuer.getSubjectX500Principal().equals(subject.getIssuerX500Principal())) {
            return false;
        }
        Optional<byte[]> authorityKeyId = authorityKeyId(subject);
        Optional<byte[]> subjectKeyId = subjectKeyId(issuer);
        if (authorityKeyId.isPresent() && subjectKeyId.isPresent()
                && !Arrays.equals(authorityKeyId.get(), subjectKeyId.get())) {
            return false;
        }
        return signedBy(subject, issuer.getPublicKey());
    }

    /**
     * Verifies through the same provider name as the PKIX step ({@link PathSignatureProvider}), because the JDK
     * remembers a certificate's last verification per key and provider name: with the same name, PKIX finds this
     * verification already done instead of repeating it.
     */
    private static boolean signedBy(X509Certificate certificate, PublicKey key) {
        try {
            Optional<String> provider = PathSignatureProvider.forKey(key);
            if (provider.isPresent()) {
                certificate.verify(key, provider.get());
            } else {
                certificate.verify(key);
            }
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<byte[]> authorityKeyId(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (extension == null) {
            return Optional.empty();
        }
        try {
            byte[] id = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                    .getKeyIdentifier();
            return Optional.ofNullable(id);
        } catch (RuntimeException unreadable) {
            // An unreadable extension proves nothing either way; the signature decides, and PKIX reads it again.
            return Optional.empty();
        }
    }

    private static Optional<byte[]> subjectKeyId(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                    .getKeyIdentifier());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    /** Leaf first, then the intermediates, as PKIX reads them. */
    List<X509Certificate> chain() {
        return chain;
    }

    /** The configured anchor that signed the top of the chain; empty when none did, and PKIX will refuse the path. */
    Optional<X509Certificate> anchor() {
        return Optional.ofNullable(anchor);
    }

    /** The CA certificate that issued the leaf: the first intermediate, or the anchor. */
    Optional<X509Certificate> leafIssuer() {
        return chain.size() > 1 ? Optional.of(chain.get(1)) : anchor();
    }

    /** What a certificate is to this path, for log lines: "leaf", "intermediate" or "trust anchor". */
    String roleOf(X509Certificate certificate) {
        if (certificate.equals(leaf())) {
            return "leaf";
        }
        return chain.contains(certificate) ? "intermediate" : "trust anchor";
    }
}
