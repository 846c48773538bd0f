package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

import java.util.List;

/**
 * No PC/SC library could be loaded, so the JDK sees no readers at all. Kept apart from "no reader" because the fix
 * is different: install {@code pcscd} and {@code libpcsclite1}, or point {@code sun.security.smartcardio.library}
 * at the library.
 */
public final class PcscLibraryNotFoundException extends AgentException {

    private final List<String> pathsTried;

    public PcscLibraryNotFoundException(List<String> pathsTried, Throwable cause) {
        super(AgentErrorCode.PCSC_LIBRARY_NOT_FOUND, "PC/SC library not found; tried " + pathsTried, cause);
        this.pathsTried = List.copyOf(pathsTried);
    }

    public List<String> pathsTried() {
        return pathsTried;
    }
}
