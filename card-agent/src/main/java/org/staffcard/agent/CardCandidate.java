package org.staffcard.agent;

/** A card found on one reader during a request, with what was read from it, offered to the user to choose. */
record CardCandidate(String readerName, CardIdentity identity) {

    /** Both the reader and the card user ID: reader names change on replugging, so the name alone says nothing. */
    String label() {
        return readerName + ": card " + identity.cardUserId();
    }
}
