package org.staffcard.virtualcard;

/** Issues cards for tests, each under its own fresh CA, for tests that need no second card of the same CA. */
public final class TestCards {

    public static final String TEST_CA_SUBJECT = "CN=Staff Card Test CA, O=Test Org, C=JP";

    private TestCards() {
    }

    /** A valid card (see {@link TestCardSpec#of(String)}) with the given card user ID. */
    public static TestCard issue(String cardUserId) {
        return issue(TestCardSpec.of(cardUserId));
    }

    /** The PIN of the PIV test cards: PIV PINs have 6 to 8 digits. */
    public static final String DEFAULT_PIV_PIN = "123456";

    /** A valid PIV card with a fresh key of the given type and PIN {@link #DEFAULT_PIV_PIN}. */
    public static TestPivCard issuePiv(PivKeyType keyType) {
        return TestCertificateAuthority.create(TEST_CA_SUBJECT).issuePiv(keyType, DEFAULT_PIV_PIN);
    }

    public static TestCard issue(TestCardSpec spec) {
        return TestCertificateAuthority.create(TEST_CA_SUBJECT).issue(spec);
    }
}
