package org.staffcard.protocol;

/** The version of the wire format; an agent and a server speak when their versions are equal. */
public final class ProtocolVersion {

    public static final int CURRENT = 1;

    private ProtocolVersion() {
    }
}
