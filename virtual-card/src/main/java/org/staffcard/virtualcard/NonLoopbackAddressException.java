package org.staffcard.virtualcard;

/** A vpcd address off this machine: the card's link carries PIN VERIFY commands, so it never leaves loopback. */
public final class NonLoopbackAddressException extends IllegalArgumentException {

    NonLoopbackAddressException(String message) {
        super(message);
    }
}
