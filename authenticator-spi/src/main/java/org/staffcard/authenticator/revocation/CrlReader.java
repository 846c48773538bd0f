package org.staffcard.authenticator.revocation;

import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.staffcard.authenticator.validation.SpkiFingerprint;

/**
 * Reads a DER CRL (RFC 5280 section 5) in one pass over its bytes: checks the issuer's name and signature first,
 * then collects the revoked serial numbers into {@link RevokedSerials}. Only complete, direct CRLs are accepted;
 * a delta CRL, an indirect CRL or one limited to some reasons would leave revocations out of view, so they are
 * refused rather than read as "nothing revoked".
 */
final class CrlReader {

    /** Entry extensions that change nothing for a yes/no lookup even when an issuer marks them critical. */
    private static final Set<String> HARMLESS_ENTRY_EXTENSIONS = Set.of(Extension.reasonCode.getId(),
            Extension.invalidityDate.getId());

    private CrlReader() {
    }

    /** The issuer named in the CRL, read without checking anything else, to tell which CA a CRL belongs to. */
    static X500Principal issuerOf(byte[] der) throws MalformedCrlException {
        TbsParts parts = tbsParts(der);
        return name(der, parts.issuer());
    }

    /**
     * @param issuer the CA certificate whose key must have signed the CRL and whose subject must be its issuer
     * @throws MalformedCrlException when the CRL cannot be read, names another issuer, is not signed by the issuer's
     *                               key, or is of a kind that cannot be used as a complete list
     */
    static CertificateRevocationList read(byte[] der, X509Certificate issuer) throws MalformedCrlException {
        TbsParts parts = tbsParts(der);

        X500Principal named = name(der, parts.issuer());
        if (!named.equals(issuer.getSubjectX500Principal())) {
            throw new MalformedCrlException("the CRL is issued by '" + named.getName() + "', not by '"
                    + issuer.getSubjectX500Principal().getName() + "'");
        }

        verifySignature(der, parts, issuer);

        if (parts.extensions() != null) {
            checkCrlExtensions(der, parts.extensions());
        }

        RevokedSerials.Builder serials = RevokedSerials.builder();
        if (parts.revoked() != null) {
            readEntries(der, parts.revoked(), serials);
        }

        return new CertificateRevocationList(named, SpkiFingerprint.sha256Hex(issuer), time(der, parts.thisUpdate()),
                Optional.ofNullable(parts.nextUpdate()).map(element -> time(der, element)), serials.build());
    }

    private static TbsParts tbsParts(byte[] der) throws MalformedCrlException {
        DerCursor outer = new DerCursor(der, 0, der.length);
        DerCursor.Element list = outer.expect(DerCursor.SEQUENCE, "the CertificateList");
        if (outer.hasMore()) {
            throw new MalformedCrlException("bytes follow the CertificateList");
        }

        DerCursor certificateList = list.contents(der);
        DerCursor.Element tbs = certificateList.expect(DerCursor.SEQUENCE, "tbsCertList");
        DerCursor.Element outerAlgorithm = certificateList.expect(DerCursor.SEQUENCE, "signatureAlgorithm");
        DerCursor.Element signature = certificateList.expect(DerCursor.BIT_STRING, "signatureValue");

        DerCursor fields = tbs.contents(der);
        if (fields.peekTag() == DerCursor.INTEGER) {
            fields.next();
        }
        DerCursor.Element innerAlgorithm = fields.expect(DerCursor.SEQUENCE, "the tbsCertList signature");
        DerCursor.Element issuer = fields.expect(DerCursor.SEQUENCE, "issuer");
        DerCursor.Element thisUpdate = fields.next();
        DerCursor.Element nextUpdate = null;
        DerCursor.Element revoked = null;
        DerCursor.Element extensions = null;
        while (fields.hasMore()) {
            DerCursor.Element element = fields.next();
            if (isTime(element.tag()) && nextUpdate == null && revoked == null && extensions == null) {
                nextUpdate = element;
            } else if (element.tag() == DerCursor.SEQUENCE && revoked == null && extensions == null) {
                revoked = element;
            } else if (element.tag() == 0xA0 && extensions == null) {
                extensions = element;
            } else {
                throw new MalformedCrlException("unexpected tag 0x" + Integer.toHexString(element.tag())
                        + " in tbsCertList");
            }
        }
        if (!isTime(thisUpdate.tag())) {
            throw new MalformedCrlException("thisUpdate is not a time");
        }

        // RFC 5280 section 5.1.1.2: both algorithm fields must agree, or a signature could be read under another one.
        if (!Arrays.equals(der, innerAlgorithm.start(), innerAlgorithm.end(),
                der, outerAlgorithm.start(), outerAlgorithm.end())) {
            throw new MalformedCrlException("the signature algorithm inside and outside tbsCertList differ");
        }
        return new TbsParts(tbs, outerAlgorithm, signature, issuer, thisUpdate, nextUpdate, revoked, extensions);
    }

    private static void verifySignature(byte[] der, TbsParts parts, X509Certificate issuer)
            throws MalformedCrlException {
        DerCursor.Element signature = parts.signature();
        if (signature.contentLength() < 2 || der[signature.contentStart()] != 0) {
            throw new MalformedCrlException("the CRL's signature bit string is empty or not whole octets");
        }
        try {
            AlgorithmIdentifier algorithm = AlgorithmIdentifier.getInstance(ASN1Primitive.fromByteArray(
                    Arrays.copyOfRange(der, parts.algorithm().start(), parts.algorithm().end())));
            ContentVerifier verifier = new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey())
                    .get(algorithm);
            try (OutputStream out = verifier.getOutputStream()) {
                out.write(der, parts.tbs().start(), parts.tbs().end() - parts.tbs().start());
            }
            byte[] value = Arrays.copyOfRange(der, signature.contentStart() + 1, signature.end());
            if (!verifier.verify(value)) {
                throw new MalformedCrlException("the CRL's signature does not verify with the key of its issuer '"
                        + issuer.getSubjectX500Principal().getName() + "'");
            }
        } catch (OperatorCreationException | IOException | RuntimeException e) {
            throw new MalformedCrlException("the CRL's signature cannot be checked: " + e.getMessage());
        }
    }

    private static void checkCrlExtensions(byte[] der, DerCursor.Element wrapper) throws MalformedCrlException {
        DerCursor extensions = wrapper.contents(der).expect(DerCursor.SEQUENCE, "crlExtensions").contents(der);
        while (extensions.hasMore()) {
            RawExtension extension = RawExtension.read(der, extensions.expect(DerCursor.SEQUENCE, "an extension"));
            if (extension.oid().equals(Extension.deltaCRLIndicator.getId())) {
                throw new MalformedCrlException("the CRL is a delta CRL; configure the complete (base) CRL");
            }
            if (extension.oid().equals(Extension.issuingDistributionPoint.getId())) {
                checkScope(der, extension);
            } else if (extension.critical() && !extension.oid().equals(Extension.cRLNumber.getId())
                    && !extension.oid().equals(Extension.authorityKeyIdentifier.getId())) {
                throw new MalformedCrlException("the CRL has a critical extension " + extension.oid()
                        + " that this server does not understand");
            }
        }
    }

    private static void checkScope(byte[] der, RawExtension extension) throws MalformedCrlException {
        IssuingDistributionPoint scope;
        try {
            scope = IssuingDistributionPoint.getInstance(ASN1OctetString.getInstance(
                    ASN1Primitive.fromByteArray(Arrays.copyOfRange(der, extension.valueStart(), extension.valueEnd())))
                    .getOctets());
        } catch (IOException | RuntimeException e) {
            throw new MalformedCrlException("the CRL's issuing distribution point cannot be read");
        }
        if (scope.onlyContainsCACerts() || scope.onlyContainsAttributeCerts() || scope.isIndirectCRL()
                || scope.getOnlySomeReasons() != null) {
            throw new MalformedCrlException("the CRL covers only part of its issuer's certificates (its issuing "
                    + "distribution point limits it); configure the CRL that covers user certificates for all reasons");
        }
    }

    private static void readEntries(byte[] der, DerCursor.Element list, RevokedSerials.Builder serials)
            throws MalformedCrlException {
        DerCursor entries = list.contents(der);
        while (entries.hasMore()) {
            DerCursor entry = entries.expect(DerCursor.SEQUENCE, "a revoked certificate entry").contents(der);
            DerCursor.Element serial = entry.expect(DerCursor.INTEGER, "userCertificate");
            serials.addTwosComplement(der, serial.contentStart(), serial.end());

            DerCursor.Element revocationDate = entry.next();
            if (!isTime(revocationDate.tag())) {
                throw new MalformedCrlException("a revoked certificate entry has no revocationDate");
            }
            if (entry.hasMore()) {
                checkEntryExtensions(der, entry.expect(DerCursor.SEQUENCE, "crlEntryExtensions"));
            }
        }
    }

    /** A critical certificateIssuer entry extension means an indirect CRL, whose entries belong to other CAs. */
    private static void checkEntryExtensions(byte[] der, DerCursor.Element list) throws MalformedCrlException {
        DerCursor extensions = list.contents(der);
        while (extensions.hasMore()) {
            RawExtension extension = RawExtension.read(der, extensions.expect(DerCursor.SEQUENCE, "an extension"));
            if (extension.critical() && !HARMLESS_ENTRY_EXTENSIONS.contains(extension.oid())) {
                throw new MalformedCrlException("a revoked certificate entry has a critical extension "
                        + extension.oid() + " that this server does not understand");
            }
        }
    }

    private static X500Principal name(byte[] der, DerCursor.Element element) throws MalformedCrlException {
        try {
            return new X500Principal(Arrays.copyOfRange(der, element.start(), element.end()));
        } catch (IllegalArgumentException e) {
            throw new MalformedCrlException("the CRL's issuer name cannot be read");
        }
    }

    private static Instant time(byte[] der, DerCursor.Element element) {
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(Arrays.copyOfRange(der, element.start(),
                    element.end()));
            return Time.getInstance(primitive).getDate().toInstant();
        } catch (IOException e) {
            throw new IllegalArgumentException("a CRL time cannot be read", e);
        }
    }

    private static boolean isTime(int tag) {
        return tag == DerCursor.UTC_TIME || tag == DerCursor.GENERALIZED_TIME;
    }

    private record TbsParts(DerCursor.Element tbs, DerCursor.Element algorithm, DerCursor.Element signature,
                            DerCursor.Element issuer, DerCursor.Element thisUpdate, DerCursor.Element nextUpdate,
                            DerCursor.Element revoked, DerCursor.Element extensions) {
    }

    /** One Extension: its OID, its critical flag and where its extnValue OCTET STRING lies. */
    private record RawExtension(String oid, boolean critical, int valueStart, int valueEnd) {

        static RawExtension read(byte[] der, DerCursor.Element sequence) throws MalformedCrlException {
            DerCursor parts = sequence.contents(der);
            DerCursor.Element oid = parts.expect(DerCursor.OBJECT_IDENTIFIER, "an extension's OID");
            boolean critical = false;
            if (parts.peekTag() == DerCursor.BOOLEAN) {
                DerCursor.Element flag = parts.next();
                critical = flag.contentLength() == 1 && der[flag.contentStart()] != 0;
            }
            DerCursor.Element value = parts.expect(DerCursor.OCTET_STRING, "an extension's value");
            return new RawExtension(oidText(der, oid), critical, value.start(), value.end());
        }

        private static String oidText(byte[] der, DerCursor.Element oid) throws MalformedCrlException {
            try {
                return org.bouncycastle.asn1.ASN1ObjectIdentifier.getInstance(ASN1Primitive.fromByteArray(
                        Arrays.copyOfRange(der, oid.start(), oid.end()))).getId();
            } catch (IOException | RuntimeException e) {
                throw new MalformedCrlException("an extension's OID cannot be read");
            }
        }
    }
}
