package org.staffcard.agent;

import java.util.Optional;

/**
 * What the status endpoint reports about the card: the reader state and, when a card is ready, its profile name
 * ({@code JPKI} or {@code PIV}).
 */
record CardStatus(ReaderState state, Optional<String> profile) {
}
