package org.staffcard.agent;

/** Where the agent finds cards: the PC's PC/SC readers, or an in-process virtual demo card. */
public enum ReaderMode {
    PCSC,
    /** For machines without pcscd: the committed demo card in an in-process reader. Never for staff PCs. */
    VIRTUAL
}
