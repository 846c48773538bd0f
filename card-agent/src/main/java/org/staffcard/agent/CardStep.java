package org.staffcard.agent;

/**
 * One step on a connected card. A step selects every application and file it uses and verifies the PIN itself if it
 * needs it, so running it again on a fresh connection assumes nothing the card may have forgotten.
 */
@FunctionalInterface
interface CardStep<T> {

    T run(CardSession session) throws AgentException;
}
