package org.staffcard.agent;

/**
 * Where the agent gets the card PIN. The PIN never comes from the web page: the agent asks for it itself. The caller
 * clears the returned array as soon as the card has checked it.
 */
public interface PinSource {

    char[] requestPin(PinRequest request) throws PinCancelledException;
}
