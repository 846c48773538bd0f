package org.staffcard.agent;

import java.util.List;

/** Every configured port is held by some other program; the page could not find the agent on any of them. */
public final class NoFreePortException extends AgentStartException {

    public NoFreePortException(List<Integer> ports) {
        super("All card agent ports " + ports + " on 127.0.0.1 are used by other programs. Stop the program holding "
                + "one of them, or list free ports under 'ports' in the agent's configuration and in the login "
                + "page's port list.");
    }
}
