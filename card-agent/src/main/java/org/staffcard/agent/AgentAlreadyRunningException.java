package org.staffcard.agent;

/** A staff-card agent already answers on one of the ports: this second one has nothing to do. */
public final class AgentAlreadyRunningException extends AgentStartException {

    private final int port;

    public AgentAlreadyRunningException(int port) {
        super("Another card agent is already running on port " + port);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
