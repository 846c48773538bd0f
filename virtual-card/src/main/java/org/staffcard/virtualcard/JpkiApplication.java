package org.staffcard.virtualcard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;

/**
 * The JPKI application with its user-authentication files: token information, certificate, CA certificate, PIN
 * and key. Of the signature set, never used for sign-in, only the password file is there: readers such as OpenSC
 * ask its tries left while looking at the card, and give up on a card without it.
 */
final class JpkiApplication implements CardApplication {

    static final byte[] AID = HexFormat.of().parseHex("D392F000260100000001");
    static final int TOKEN_INFO = 0x0006;
    static final int AUTH_CERTIFICATE = 0x000A;
    static final int AUTH_CA_CERTIFICATE = 0x000B;
    static final int AUTH_KEY = 0x0017;
    static final int AUTH_PIN = 0x0018;
    static final int AUTH_PIN_TRIES = 3;
    static final int SIGNATURE_PASSWORD = 0x001B;
    static final int SIGNATURE_PASSWORD_TRIES = 5;

    /** P1 = 00, P2 = 80: the reference the JPKI card gives its user-authentication PIN and key. */
    private static final int AUTH_REFERENCE = 0x0080;
    private static final int TOKEN_INFO_LENGTH = 32;
    /** PKCS#1 v1.5 type-1 padding takes at least 11 bytes of the modulus. */
    private static final int PADDING_OVERHEAD = 11;

    private final Map<Integer, byte[]> binaryFiles = new HashMap<>();
    private final AuthenticationPin pin;
    private final PrivateKey key;
    private boolean pinVerified;

    JpkiApplication(VirtualCardProfile profile) {
        binaryFiles.put(TOKEN_INFO, tokenInfo());
        binaryFiles.put(AUTH_CERTIFICATE, der(profile.certificate()));
        profile.caCertificate().ifPresent(ca -> binaryFiles.put(AUTH_CA_CERTIFICATE, der(ca)));
        this.pin = new AuthenticationPin(profile.pin(), AUTH_PIN_TRIES);
        this.key = profile.privateKey();
    }

    @Override
    public boolean hasAid(byte[] aid) {
        return Arrays.equals(AID, aid);
    }

    @Override
    public boolean hasFile(int fileId) {
        return binaryFiles.containsKey(fileId) || fileId == AUTH_PIN || fileId == AUTH_KEY
                || fileId == SIGNATURE_PASSWORD;
    }

    @Override
    public Optional<byte[]> readableContent(int fileId) {
        return Optional.ofNullable(binaryFiles.get(fileId)).map(byte[]::clone);
    }

    @Override
    public ResponseApdu verify(CommandApdu command, int currentFileId) {
        if (command.p1p2() != AUTH_REFERENCE) {
            return ResponseApdu.status(StatusWord.WRONG_P1_P2);
        }
        if (currentFileId == SIGNATURE_PASSWORD) {
            return verifySignaturePassword(command);
        }
        if (currentFileId != AUTH_PIN) {
            return ResponseApdu.status(StatusWord.NO_CURRENT_EF);
        }
        if (pin.isBlocked()) {
            return ResponseApdu.status(StatusWord.PIN_BLOCKED);
        }
        if (command.dataLength() == 0) {
            return ResponseApdu.status(StatusWord.PIN_TRIES_LEFT | pin.triesLeft());
        }

        AuthenticationPin.Outcome outcome = pin.check(command.data());
        pinVerified = outcome == AuthenticationPin.Outcome.CORRECT;
        return switch (outcome) {
            case CORRECT -> ResponseApdu.status(StatusWord.SUCCESS);
            case WRONG -> ResponseApdu.status(StatusWord.PIN_TRIES_LEFT | pin.triesLeft());
            case BLOCKED -> ResponseApdu.status(StatusWord.PIN_BLOCKED);
        };
    }

    /**
     * The virtual card holds no signature key, so there is no password to check: it reports a full counter, and
     * refuses a real attempt without spending a try.
     */
    private static ResponseApdu verifySignaturePassword(CommandApdu command) {
        if (command.dataLength() == 0) {
            return ResponseApdu.status(StatusWord.PIN_TRIES_LEFT | SIGNATURE_PASSWORD_TRIES);
        }
        return ResponseApdu.status(StatusWord.CONDITIONS_NOT_SATISFIED);
    }

    @Override
    public ResponseApdu sign(CommandApdu command, int currentFileId) {
        if (command.p1p2() != AUTH_REFERENCE) {
            return ResponseApdu.status(StatusWord.WRONG_P1_P2);
        }
        if (currentFileId != AUTH_KEY) {
            return ResponseApdu.status(StatusWord.NO_CURRENT_EF);
        }
        if (!pinVerified) {
            return ResponseApdu.status(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
        }
        if (command.dataLength() == 0) {
            return ResponseApdu.status(StatusWord.WRONG_LENGTH);
        }
        int modulusBytes = (((RSAPrivateKey) key).getModulus().bitLength() + 7) / 8;
        if (command.dataLength() > modulusBytes - PADDING_OVERHEAD) {
            return ResponseApdu.status(StatusWord.WRONG_DATA);
        }

        try {
            // In encrypt mode with a private key, the JDK's PKCS#1 cipher pads with block type 1: exactly the
            // card's "pad the DigestInfo, then raw RSA", which makes an RSASSA-PKCS1-v1_5 signature.
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, key);
            return ResponseApdu.success(rsa.doFinal(command.data()));
        } catch (GeneralSecurityException e) {
            return ResponseApdu.status(StatusWord.NO_PRECISE_DIAGNOSIS);
        }
    }

    @Override
    public void resetSecurityState() {
        pinVerified = false;
    }

    int pinTriesLeft() {
        return pin.triesLeft();
    }

    private static byte[] tokenInfo() {
        // The real card pads its token label with spaces to the full 32 bytes.
        String label = String.format("%-" + TOKEN_INFO_LENGTH + "s", "JPKIAPICCTOKEN2");
        return label.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate " + certificate.getSubjectX500Principal()
                    + " cannot be encoded", e);
        }
    }
}
