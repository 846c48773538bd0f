package org.staffcard.authenticator.revocation;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERUTCTime;

/**
 * Writes a CRL with many entries straight as DER, signed SHA256withRSA. BouncyCastle's CRL builder holds every entry
 * as objects and takes minutes for a million; this writes the same structure in a second.
 */
final class LargeCrl {

    private LargeCrl() {
    }

    /** Serials {@code first}, {@code first + step}, ... ({@code count} of them). */
    static byte[] write(X509Certificate issuer, PrivateKey key, Instant thisUpdate, Instant nextUpdate, long first,
                        long step, int count) throws Exception {
        byte[] algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE)
                .getEncoded();
        byte[] revocationDate = new DERUTCTime(Date.from(thisUpdate)).getEncoded();

        ByteArrayOutputStream entries = new ByteArrayOutputStream(count * 24);
        for (int i = 0; i < count; i++) {
            byte[] serial = new ASN1Integer(BigInteger.valueOf(first + i * step)).getEncoded();
            entries.write(tlv(0x30, concat(serial, revocationDate)));
        }

        byte[] tbs = tlv(0x30, concat(new ASN1Integer(1).getEncoded(), algorithm,
                issuer.getSubjectX500Principal().getEncoded(), new ASN1GeneralizedTime(Date.from(thisUpdate))
                        .getEncoded(), new ASN1GeneralizedTime(Date.from(nextUpdate)).getEncoded(),
                tlv(0x30, entries.toByteArray())));

        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(tbs);
        byte[] signature = new DERBitString(signer.sign()).getEncoded();
        return tlv(0x30, concat(tbs, algorithm, signature));
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
