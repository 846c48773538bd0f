package org.staffcard.virtualcard;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a test card should look like. Start from {@link #of(String)}, a valid JPKI-like card, and change one thing
 * with a {@code with...} method to make the case under test.
 *
 * @param cardUserId the content of the free-area file
 * @param pin        the user-authentication PIN
 * @param subject    the certificate's subject; by default a serial number only, like a JPKI certificate
 * @param keyUsage   the certificate's key usage bits; an empty set leaves the extension out
 * @param notBefore  start of the certificate's validity
 * @param notAfter   end of the certificate's validity
 * @param freeArea   where the card user ID is written, or empty for a card without a free area
 */
public record TestCardSpec(String cardUserId, String pin, String subject, Set<CertificateKeyUsage> keyUsage,
                           Instant notBefore, Instant notAfter, Optional<FreeAreaLocation> freeArea) {

    public static final String DEFAULT_PIN = "1234";

    public TestCardSpec {
        keyUsage = Set.copyOf(keyUsage);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }

    /** A card valid from a day ago for a year, key usage digitalSignature, PIN 1234, the demo free area. */
    public static TestCardSpec of(String cardUserId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new TestCardSpec(cardUserId, DEFAULT_PIN, "SERIALNUMBER=TEST-" + cardUserId + ", O=Test Org, C=JP",
                EnumSet.of(CertificateKeyUsage.DIGITAL_SIGNATURE), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)), Optional.of(FreeAreaLocation.DEMO));
    }

    public TestCardSpec withPin(String newPin) {
        return new TestCardSpec(cardUserId, newPin, subject, keyUsage, notBefore, notAfter, freeArea);
    }

    public TestCardSpec withSubject(String newSubject) {
        return new TestCardSpec(cardUserId, pin, newSubject, keyUsage, notBefore, notAfter, freeArea);
    }

    public TestCardSpec withKeyUsage(Set<CertificateKeyUsage> newKeyUsage) {
        return new TestCardSpec(cardUserId, pin, subject, newKeyUsage, notBefore, notAfter, freeArea);
    }

    public TestCardSpec withValidity(Instant newNotBefore, Instant newNotAfter) {
        return new TestCardSpec(cardUserId, pin, subject, keyUsage, newNotBefore, newNotAfter, freeArea);
    }

    public TestCardSpec withFreeArea(FreeAreaLocation location) {
        return new TestCardSpec(cardUserId, pin, subject, keyUsage, notBefore, notAfter, Optional.of(location));
    }

    public TestCardSpec withoutFreeArea() {
        return new TestCardSpec(cardUserId, pin, subject, keyUsage, notBefore, notAfter, Optional.empty());
    }
}
