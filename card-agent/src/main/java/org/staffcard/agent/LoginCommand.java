package org.staffcard.agent;

import javax.smartcardio.CardTerminals;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;

/** Runs {@code login} from the command line and turns its outcome into an exit code and a line on stderr. */
final class LoginCommand {

    private LoginCommand() {
    }

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env,
                   boolean toLogFiles) {
        try {
            LoginOptions options = LoginOptions.parse(args, env);
            AgentConfig config = loadConfig(options);
            if (toLogFiles) {
                AgentLogging.configure(config, Level.WARNING);
            }
            Supplier<CardTerminals> terminals = config.readerMode() == ReaderMode.VIRTUAL
                    ? new VirtualDemoTerminals()
                    : new PcscTerminalSource();
            PinSource pins;
            try {
                pins = PinSources.fromConfig(config);
            } catch (InvalidConfigException e) {
                throw new LoginFailedException(LoginExit.USAGE, "the PIN cannot be asked for: " + e.getMessage(),
                        "set pin.source in the agent configuration (--config) to dialog or console", e);
            }
            new DeviceLogin(options, config, terminals, pins, Clock.systemUTC())
                    .run(stdin, System.console(), out, err);
            return LoginExit.OK.code();
        } catch (LoginFailedException e) {
            err.println("login failed: " + e.getMessage());
            err.println("next: " + e.nextStep());
            return e.exit().code();
        } catch (RuntimeException e) {
            // A fault of this program, not of the user's input: said in one line, with what to send to support.
            err.println("login failed: " + e);
            err.println("next: run java -jar card-agent.jar diagnose and send its output with this line to support");
            return LoginExit.FAILED.code();
        }
    }

    private static AgentConfig loadConfig(LoginOptions options) throws LoginFailedException {
        try {
            return options.agentConfig().isPresent()
                    ? AgentConfig.load(options.agentConfig().get()) : AgentConfig.defaults();
        } catch (InvalidConfigException e) {
            throw new LoginFailedException(LoginExit.USAGE, "configuration refused: " + e.getMessage(),
                    "fix the agent configuration file", e);
        }
    }
}
