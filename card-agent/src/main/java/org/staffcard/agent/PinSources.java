package org.staffcard.agent;

import java.awt.GraphicsEnvironment;
import java.io.Console;
import java.time.Duration;

/** Builds the PIN source the configuration names, refusing at start one that cannot work on this machine. */
final class PinSources {

    static final String DEMO_PIN_ENVIRONMENT = "STAFFCARD_DEMO_PIN";

    private PinSources() {
    }

    static PinSource fromConfig(AgentConfig config) throws InvalidConfigException {
        switch (config.pinSource()) {
            case DIALOG -> {
                if (GraphicsEnvironment.isHeadless()) {
                    throw new InvalidConfigException(AgentConfig.PIN_SOURCE + " = dialog needs a desktop session; "
                            + "this one has no display. Use console, or demo for automated tests.");
                }
                return new DialogPinSource(Duration.ofSeconds(config.pinTimeoutSeconds()));
            }
            case CONSOLE -> {
                Console console = System.console();
                if (console == null) {
                    throw new InvalidConfigException(AgentConfig.PIN_SOURCE + " = console needs an interactive "
                            + "terminal; the agent was started without one.");
                }
                return new ConsolePinSource(console, Duration.ofSeconds(config.pinTimeoutSeconds()));
            }
            default -> {
                String pin = config.demoPin().orElse(System.getenv(DEMO_PIN_ENVIRONMENT));
                if (pin == null || pin.isBlank()) {
                    throw new InvalidConfigException(AgentConfig.PIN_SOURCE + " = demo needs " + AgentConfig.PIN_DEMO
                            + " or the environment variable " + DEMO_PIN_ENVIRONMENT);
                }
                return new FixedDemoPinSource(pin.toCharArray());
            }
        }
    }
}
