package org.staffcard.virtualcard;

/** vpcd sent something its framing does not allow; the link is dropped and made again. */
final class VpcdProtocolException extends Exception {

    VpcdProtocolException(String message) {
        super(message);
    }
}
