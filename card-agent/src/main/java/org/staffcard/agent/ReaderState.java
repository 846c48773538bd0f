package org.staffcard.agent;

/** The {@code state} of the status answer: whether a sign request could start now, and if not, why. */
enum ReaderState {
    READY,
    NO_READER,
    NO_CARD,
    MULTIPLE_CARDS,
    CARD_UNSUPPORTED,
    READER_SERVICE_UNAVAILABLE,
    PCSC_LIBRARY_NOT_FOUND
}
