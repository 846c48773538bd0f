package org.staffcard.authenticator.revocation;

import java.time.Instant;
import java.util.Optional;

/**
 * A verified OCSP answer about one certificate.
 *
 * @param status     good, revoked or unknown
 * @param thisUpdate when the responder knew the status to be correct
 * @param nextUpdate when newer information will be available, if the responder says
 * @param responder  the address that answered, for log lines
 */
record OcspAnswer(Status status, Instant thisUpdate, Optional<Instant> nextUpdate, String responder) {

    enum Status {
        GOOD, REVOKED, UNKNOWN
    }
}
