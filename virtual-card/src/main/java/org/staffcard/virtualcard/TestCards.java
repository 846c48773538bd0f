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

    public static TestCard issue(TestCardSpec spec) {
        return TestCertificateAuthority.create(TEST_CA_SUBJECT).issue(spec);
    }
}
