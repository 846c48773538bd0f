package org.staffcard.agent;

/** The {@code pin.source} setting. */
public enum PinSourceKind {
    DIALOG,
    CONSOLE,
    DEMO
}
