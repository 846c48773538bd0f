package org.staffcard.virtualcard;

/** The command line of {@link VirtualCardMain} is wrong; the message says how. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
