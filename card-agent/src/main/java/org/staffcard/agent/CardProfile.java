package org.staffcard.agent;

/**
 * A kind of staff card the agent reads and signs with, told apart by the application it selects. Every method works
 * on the card of one {@link CardSession}; none keeps card state between sessions.
 */
interface CardProfile {

    /** The name {@code /v1/status} reports, such as {@code JPKI} or {@code PIV}. */
    String name();

    /** Selects the profile's application; false when the card has none. */
    boolean selectApplication(ApduExchange exchange) throws AgentException;

    /** The card user ID, the certificate and the PIN tries, on a card whose application is selected. */
    CardIdentity readIdentity(ApduExchange exchange) throws AgentException;

    /**
     * Verifies the PIN and has the card sign {@code payload} with the algorithm the identity declares; the answer is
     * the signature in that algorithm's encoding of the assertion.
     */
    byte[] sign(ApduExchange exchange, CardIdentity identity, char[] pin, byte[] payload) throws AgentException;
}
