package org.staffcard.authenticator.credential;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One-time codes that let a staff member bind their own card. A code is 16 characters of Crockford's base32 (80
 * random bits, no I, L, O or U to misread), shown once when issued and stored only as a salted SHA-256. An account
 * has at most one pending code: issuing another replaces it. A code works until it expires or is used once.
 */
public final class EnrolmentCodes {

    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    public static final Duration MAX_LIFETIME = Duration.ofDays(30);

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 16;
    private static final int GROUP = 4;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CLAIM_PREFIX = "staffcard.enrolment-code.";

    private EnrolmentCodes() {
    }

    /** The code as shown to the admin, once, and when it stops working. */
    public record IssuedCode(String code, Instant expiresAt) {
    }

    /** Replaces any pending code of {@code user} with a new one. */
    public static IssuedCode issue(UserModel user, Duration lifetime, String issuedBy) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("an enrolment code lives more than 0 and at most " + MAX_LIFETIME);
        }
        withdraw(user);

        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        String plain = new String(code);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        long now = Time.currentTimeMillis();
        long expiresAt = now + lifetime.toMillis();

        EnrolmentCodeCredentialModel.Secret secret = new EnrolmentCodeCredentialModel.Secret(
                Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(hash(salt, plain)));
        user.credentialManager().createStoredCredential(EnrolmentCodeCredentialModel.create(
                new EnrolmentCodeCredentialModel.Details(expiresAt, issuedBy), secret, now));
        return new IssuedCode(grouped(plain), Instant.ofEpochMilli(expiresAt));
    }

    /**
     * The id of the account's pending code when {@code typed} is that code and it has not expired. Case, spaces
     * and dashes do not matter, nor do the look-alikes I, L (read as 1) and O (read as 0).
     */
    public static Optional<String> match(UserModel user, String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String normalised = normalise(typed);
        long now = Time.currentTimeMillis();
        for (EnrolmentCodeCredentialModel pending : pending(user)) {
            EnrolmentCodeCredentialModel.Secret secret = pending.secret();
            if (secret == null || pending.details().expiresAt() < now) {
                continue;
            }
            byte[] expected = Base64.getDecoder().decode(secret.hash());
            byte[] actual = hash(Base64.getDecoder().decode(secret.salt()), normalised);
            if (MessageDigest.isEqual(expected, actual)) {
                return Optional.of(pending.getId());
            }
        }
        return Optional.empty();
    }

    /** Whether the code credential {@code credentialId} is still there and has not expired. */
    public static boolean stillPending(UserModel user, String credentialId) {
        long now = Time.currentTimeMillis();
        return pending(user).stream()
                .anyMatch(code -> code.getId().equals(credentialId) && code.details().expiresAt() >= now);
    }

    /**
     * Claims a code for one binding, across the cluster: two tabs that both passed the first page with the same code
     * and present cards at the same instant would otherwise both bind. The claim outlives the transaction (a tab that
     * read the code before the other's commit must not claim it after), so a refused binding gives it back with
     * {@link #release}. Take it before {@link #stillPending}.
     */
    public static boolean claim(KeycloakSession session, String credentialId) {
        return TransactionClaims.claimUntilExpiry(session, CLAIM_PREFIX + credentialId);
    }

    /** Gives a claimed code back when its binding was refused, so the staff member can try another card. */
    public static void release(KeycloakSession session, String credentialId) {
        TransactionClaims.release(session, CLAIM_PREFIX + credentialId);
    }

    /** Removes a code once it has been used. */
    public static void consume(UserModel user, String credentialId) {
        user.credentialManager().removeStoredCredentialById(credentialId);
    }

    /** Removes every pending code of the account, expired or not. */
    public static void withdraw(UserModel user) {
        user.credentialManager().getStoredCredentialsByTypeStream(EnrolmentCodeCredentialModel.TYPE)
                .map(CredentialModel::getId).toList()
                .forEach(id -> user.credentialManager().removeStoredCredentialById(id));
    }

    private static List<EnrolmentCodeCredentialModel> pending(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(EnrolmentCodeCredentialModel.TYPE)
                .map(EnrolmentCodeCredentialModel::of).toList();
    }

    static String normalise(String typed) {
        StringBuilder out = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            out.append(switch (c) {
                case 'I', 'L' -> '1';
                case 'O' -> '0';
                default -> c;
            });
        }
        return out.toString();
    }

    private static String grouped(String plain) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < plain.length(); i += GROUP) {
            if (i > 0) {
                out.append('-');
            }
            out.append(plain, i, i + GROUP);
        }
        return out.toString();
    }

    private static byte[] hash(byte[] salt, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
