package org.staffcard.authenticator.validation;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Whether two distinguished names are the same name, compared as RFC 5280 section 7.1 asks: relative distinguished
 * names in the same order, each with the same set of attribute types, and each value compared after string
 * preparation, never as printed text. The same Japanese name can be written literally, hex-escaped as its DER
 * ({@code CN=#0c0c...}) or in another string type (UTF8String or BMPString), and it must match in all of them.
 *
 * <p>String preparation follows RFC 4518 in the steps that change a comparison in practice: Unicode NFKC
 * normalisation (full-width and half-width forms, composed and decomposed kana), case folding, and insignificant
 * space handling (leading, trailing and repeated spaces). Values that are not directory strings are compared as
 * their DER encoding.
 */
final class DistinguishedNameComparison {

    private DistinguishedNameComparison() {
    }

    static boolean sameName(X500Principal first, X500Principal second) {
        RDN[] left = X500Name.getInstance(first.getEncoded()).getRDNs();
        RDN[] right = X500Name.getInstance(second.getEncoded()).getRDNs();
        if (left.length != right.length) {
            return false;
        }
        for (int i = 0; i < left.length; i++) {
            if (!sameRdn(left[i], right[i])) {
                return false;
            }
        }
        return true;
    }

    /** A multi-valued RDN is a set: its attributes match in any order. */
    private static boolean sameRdn(RDN left, RDN right) {
        AttributeTypeAndValue[] leftValues = left.getTypesAndValues();
        AttributeTypeAndValue[] rightValues = right.getTypesAndValues();
        if (leftValues.length != rightValues.length) {
            return false;
        }
        for (AttributeTypeAndValue wanted : leftValues) {
            boolean found = Arrays.stream(rightValues).anyMatch(candidate -> sameAttribute(wanted, candidate));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameAttribute(AttributeTypeAndValue left, AttributeTypeAndValue right) {
        if (!left.getType().equals(right.getType())) {
            return false;
        }
        String leftText = prepared(left.getValue());
        String rightText = prepared(right.getValue());
        if (leftText != null && rightText != null) {
            return leftText.equals(rightText);
        }
        return leftText == null && rightText == null
                && left.getValue().toASN1Primitive().equals(right.getValue().toASN1Primitive());
    }

    /** The prepared text of a directory string value, or null for any other kind of value. */
    private static String prepared(ASN1Encodable value) {
        ASN1Primitive primitive = value.toASN1Primitive();
        if (!isDirectoryString(primitive)) {
            return null;
        }
        String text = Normalizer.normalize(((ASN1String) primitive).getString(), Normalizer.Form.NFKC);
        String folded = text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return folded.strip().replaceAll("\\s+", " ");
    }

    private static boolean isDirectoryString(ASN1Primitive primitive) {
        return primitive instanceof DERUTF8String || primitive instanceof DERPrintableString
                || primitive instanceof DERBMPString || primitive instanceof DERUniversalString
                || primitive instanceof DERT61String || primitive instanceof DERIA5String;
    }
}
