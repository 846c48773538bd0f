package org.staffcard.virtualcard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;

/**
 * The PIV Card Application of SP 800-73-4 part 2, as far as sign-in and a standard PIV reader use it: its data
 * objects, the PIV Card Application PIN (key reference 80) and the PIV Authentication key (slot 9A).
 */
final class PivApplication {

    static final byte[] AID = HexFormat.of().parseHex("A000000308000010000100");
    /** A reader may select with the AID right-truncated after the PIX, leaving out the version. */
    static final int SHORTEST_SELECT_AID = 9;
    static final int PIN_TRIES = 3;

    private static final int PIN_REFERENCE = 0x80;
    private static final int PIV_AUTHENTICATION_KEY = 0x9A;
    private static final int GET_DATA_P1P2 = 0x3FFF;
    private static final int VERIFY_RESET_P1 = 0xFF;
    private static final int PIN_BLOCK_BYTES = 8;
    private static final byte PIN_PADDING = (byte) 0xFF;
    /** A P-256 key signs at most 32 bytes of hash; the reader cuts a longer hash down before sending it. */
    private static final int P256_HASH_BYTES = 32;

    private static final int TAG_LIST = 0x5C;
    private static final int DYNAMIC_AUTHENTICATION_TEMPLATE = 0x7C;
    private static final int TEMPLATE_CHALLENGE = 0x81;
    private static final int TEMPLATE_RESPONSE = 0x82;

    private final PivCardProfile profile;
    private final Map<Integer, byte[]> objects;
    private final AuthenticationPin pin;
    private boolean pinVerified;

    PivApplication(PivCardProfile profile) {
        this.profile = profile;
        this.objects = PivDataObjects.of(profile, AID);
        this.pin = new AuthenticationPin(profile.pin(), PIN_TRIES);
    }

    static boolean isSelectedBy(byte[] aid) {
        return aid.length >= SHORTEST_SELECT_AID && aid.length <= AID.length
                && Arrays.equals(aid, Arrays.copyOf(AID, aid.length));
    }

    /**
     * The application property template SELECT returns: the PIX with version, the coexistent tag allocation
     * authority (the NIST RID), and the algorithms the card offers.
     */
    static byte[] applicationPropertyTemplate(PivKeyType keyType) {
        byte[] pix = Arrays.copyOfRange(AID, 5, AID.length);
        byte[] authority = BerTlv.encode(0x4F, Arrays.copyOf(AID, 5));
        byte[] algorithms = BerTlv.concat(BerTlv.encode(0x80, new byte[] {(byte) keyType.algorithmId()}),
                BerTlv.encode(0x06, new byte[0]));
        return BerTlv.encode(0x61, BerTlv.concat(
                BerTlv.encode(0x4F, pix),
                BerTlv.encode(0x79, authority),
                BerTlv.encode(0x50, "Staff card virtual PIV".getBytes(StandardCharsets.US_ASCII)),
                BerTlv.encode(0xAC, algorithms)));
    }

    ResponseApdu getData(CommandApdu command) {
        if (command.p1p2() != GET_DATA_P1P2) {
            return ResponseApdu.status(StatusWord.WRONG_P1_P2);
        }
        List<BerTlv.Element> request;
        try {
            request = BerTlv.parse(command.data());
        } catch (MalformedApduException e) {
            return ResponseApdu.status(StatusWord.WRONG_DATA);
        }
        if (request.size() != 1 || request.get(0).tag() != TAG_LIST || request.get(0).value().length == 0
                || request.get(0).value().length > 3) {
            return ResponseApdu.status(StatusWord.WRONG_DATA);
        }

        int tag = 0;
        for (byte b : request.get(0).value()) {
            tag = (tag << 8) | (b & 0xFF);
        }
        byte[] object = objects.get(tag);
        // Every object this card holds is readable without the PIN, as SP 800-73-4 sets for them.
        return object == null ? ResponseApdu.status(StatusWord.FILE_NOT_FOUND) : ResponseApdu.success(object);
    }

    ResponseApdu verify(CommandApdu command) {
        if (command.p1() == VERIFY_RESET_P1 && command.p2() == PIN_REFERENCE && command.dataLength() == 0) {
            pinVerified = false;
            return ResponseApdu.status(StatusWord.SUCCESS);
        }
        if (command.p1() != 0x00) {
            return ResponseApdu.status(StatusWord.WRONG_P1_P2);
        }
        if (command.p2() != PIN_REFERENCE) {
            return ResponseApdu.status(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        if (pin.isBlocked()) {
            return ResponseApdu.status(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
        }
        if (command.dataLength() == 0) {
            return pinVerified ? ResponseApdu.status(StatusWord.SUCCESS)
                    : ResponseApdu.status(StatusWord.PIN_TRIES_LEFT | pin.triesLeft());
        }
        byte[] candidate = unpaddedPin(command.data());
        if (candidate == null) {
            // A block that is not digits padded with FF is refused without spending a try, as PIV cards do.
            return ResponseApdu.status(StatusWord.WRONG_DATA);
        }

        AuthenticationPin.Outcome outcome = pin.check(candidate);
        Arrays.fill(candidate, (byte) 0);
        pinVerified = outcome == AuthenticationPin.Outcome.CORRECT;
        return switch (outcome) {
            case CORRECT -> ResponseApdu.status(StatusWord.SUCCESS);
            case WRONG -> ResponseApdu.status(StatusWord.PIN_TRIES_LEFT | pin.triesLeft());
            case BLOCKED -> ResponseApdu.status(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
        };
    }

    ResponseApdu generalAuthenticate(CommandApdu command) {
        if (command.p2() != PIV_AUTHENTICATION_KEY) {
            return ResponseApdu.status(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        if (command.p1() != profile.keyType().algorithmId()) {
            return ResponseApdu.status(StatusWord.WRONG_P1_P2);
        }
        if (!pinVerified) {
            return ResponseApdu.status(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
        }
        byte[] challenge = challengeOf(command.data());
        if (challenge == null) {
            return ResponseApdu.status(StatusWord.WRONG_DATA);
        }

        byte[] signature;
        try {
            signature = switch (profile.keyType()) {
                case RSA_2048 -> rawRsa(profile.privateKey(), challenge);
                case ECC_P256 -> ecdsa(profile.privateKey(), challenge);
            };
        } catch (GeneralSecurityException e) {
            return ResponseApdu.status(StatusWord.WRONG_DATA);
        }
        if (signature == null) {
            return ResponseApdu.status(StatusWord.WRONG_DATA);
        }
        return ResponseApdu.success(BerTlv.encode(DYNAMIC_AUTHENTICATION_TEMPLATE,
                BerTlv.encode(TEMPLATE_RESPONSE, signature)));
    }

    void resetSecurityState() {
        pinVerified = false;
    }

    int pinTriesLeft() {
        return pin.triesLeft();
    }

    /** The PIN digits of an 8-byte block, or null when the block is not 1 to 8 digits followed by FF padding. */
    private static byte[] unpaddedPin(byte[] block) {
        if (block.length != PIN_BLOCK_BYTES) {
            return null;
        }
        int length = 0;
        while (length < block.length && block[length] != PIN_PADDING) {
            if (block[length] < '0' || block[length] > '9') {
                return null;
            }
            length++;
        }
        for (int i = length; i < block.length; i++) {
            if (block[i] != PIN_PADDING) {
                return null;
            }
        }
        return length == 0 ? null : Arrays.copyOf(block, length);
    }

    /** The data of tag 81 in a template 7C that also asks for the response (82 with no value); else null. */
    private static byte[] challengeOf(byte[] data) {
        try {
            List<BerTlv.Element> outer = BerTlv.parse(data);
            if (outer.size() != 1 || outer.get(0).tag() != DYNAMIC_AUTHENTICATION_TEMPLATE) {
                return null;
            }
            byte[] challenge = null;
            boolean responseRequested = false;
            for (BerTlv.Element element : BerTlv.parse(outer.get(0).value())) {
                if (element.tag() == TEMPLATE_CHALLENGE) {
                    challenge = element.value();
                } else if (element.tag() == TEMPLATE_RESPONSE && element.value().length == 0) {
                    responseRequested = true;
                } else {
                    return null;
                }
            }
            return responseRequested ? challenge : null;
        } catch (MalformedApduException e) {
            return null;
        }
    }

    /**
     * The RSA private-key operation on a block the reader already padded: a PIV card adds no padding of its own.
     * The block must be exactly as long as the modulus.
     */
    private static byte[] rawRsa(PrivateKey key, byte[] block) throws GeneralSecurityException {
        int modulusBytes = (((RSAPrivateKey) key).getModulus().bitLength() + 7) / 8;
        if (block.length != modulusBytes) {
            return null;
        }
        Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
        rsa.init(Cipher.DECRYPT_MODE, key);
        return rsa.doFinal(block);
    }

    /** ECDSA over a hash the reader computed; the card answers the DER SEQUENCE of r and s. */
    private static byte[] ecdsa(PrivateKey key, byte[] hash) throws GeneralSecurityException {
        if (hash.length == 0 || hash.length > P256_HASH_BYTES) {
            return null;
        }
        Signature ecdsa = Signature.getInstance("NONEwithECDSA");
        ecdsa.initSign(key);
        ecdsa.update(hash);
        return ecdsa.sign();
    }
}
