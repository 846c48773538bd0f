package org.staffcard.protocol;

/** Size limits of the wire format, checked before anything is parsed further. */
public final class ProtocolLimits {

    /** The whole assertion JSON as posted to the server or answered by the agent. */
    public static final int MAX_ASSERTION_CHARS = 16 * 1024;
    /** The leaf and at most two intermediates; the trust anchor comes from the server's configuration. */
    public static final int MAX_CERTIFICATES = 3;
    public static final int MAX_CERTIFICATE_BYTES = 4 * 1024;
    /** Enough for RSA-4096; ECDSA P-521 needs 132. */
    public static final int MAX_SIGNATURE_BYTES = 512;
    /** A request body sent to the agent. */
    public static final int MAX_AGENT_REQUEST_BYTES = 1024;

    private ProtocolLimits() {
    }
}
