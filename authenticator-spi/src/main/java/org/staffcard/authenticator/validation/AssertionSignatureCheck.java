package org.staffcard.authenticator.validation;

import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;

import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;

/**
 * Step 6: the signature must verify, with the leaf's key, over the bytes this server rebuilds from its own origin
 * and its own challenge. Only the card user ID comes from the assertion, and the signature covers it.
 */
final class AssertionSignatureCheck {

    private AssertionSignatureCheck() {
    }

    static void check(CardAssertion assertion, X509Certificate leaf, CertificateIdentity leafIdentity,
                      String expectedOrigin, Challenge challenge) throws SignatureInvalidException {
        PublicKey key = leaf.getPublicKey();
        SignatureAlgorithm algorithm = assertion.algorithm();

        // Checked apart from the signature so the log says a card and its declared algorithm disagree, which is an
        // agent or card profile fault, rather than a bad signature, which may be an attack.
        if (!algorithm.fits(key)) {
            throw new SignatureInvalidException(leafIdentity, "leaf certificate " + leafIdentity.describe()
                    + " holds " + describe(key) + ", which does not fit the declared algorithm " + algorithm);
        }

        byte[] payload = SignedPayload.of(expectedOrigin, challenge, assertion.cardUserId());
        Provider provider = algorithm.isRsa() ? null : BouncyCastleInstance.get();
        if (!algorithm.verify(key, payload, assertion.signature(), provider)) {
            throw new SignatureInvalidException(leafIdentity, algorithm + " signature does not verify with the key of"
                    + " leaf certificate " + leafIdentity.describe() + " over the bytes rebuilt from this server's"
                    + " origin " + expectedOrigin + " and challenge");
        }
    }

    private static String describe(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "an RSA key of " + rsa.getModulus().bitLength() + " bits";
        }
        if (key instanceof ECPublicKey ec) {
            return "an EC key on a " + ec.getParams().getCurve().getField().getFieldSize() + "-bit curve";
        }
        return "a " + key.getAlgorithm() + " key";
    }
}
