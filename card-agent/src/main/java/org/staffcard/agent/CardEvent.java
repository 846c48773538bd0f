package org.staffcard.agent;

/**
 * One card event for the page, in server-sent-event form. It carries the reader state only: the page needs no
 * reader name, card user ID or certificate to decide what to show.
 */
record CardEvent(String name, ReaderState state) {

    /** The event as the stream writes it; names and states are fixed words, so nothing needs escaping. */
    String wireForm() {
        return "event: " + name + "\ndata: {\"state\":\"" + state.name() + "\"}\n\n";
    }
}
