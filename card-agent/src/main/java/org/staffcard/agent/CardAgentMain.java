package org.staffcard.agent;

import javax.smartcardio.CardTerminals;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The card agent's command line:
 *
 * <pre>
 * java -jar card-agent.jar [serve] [--config FILE]    serve the loopback HTTP interface (the default)
 * java -jar card-agent.jar status [--config FILE]     print readers, card and certificate for an admin
 * java -jar card-agent.jar readers [--config FILE]    list the readers and whether each holds a card
 * java -jar card-agent.jar diagnose [--config FILE]   check everything a sign-in needs and say what to fix
 * java -jar card-agent.jar login --server URL --client ID [...]   sign in a device, print the tokens
 * </pre>
 *
 * Exit codes: 0 done (for status and diagnose: the card is ready), 1 not ready or failed, 2 wrong usage or
 * configuration; {@code login} has more, listed in {@link LoginExit}.
 */
public final class CardAgentMain {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final String USAGE =
            "usage: java -jar card-agent.jar [serve|status|readers|diagnose] [--config FILE]\n       "
                    + LoginOptions.USAGE.substring("usage: ".length());

    private static final Set<String> COMMANDS = Set.of("serve", "status", "readers", "diagnose");

    private CardAgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        int exit = run(args, System.out, System.err, stopped, true);
        // login ends here even when a PIN window's toolkit threads are still winding down.
        if (exit != EXIT_OK || (args.length > 0 && args[0].equals("login"))) {
            System.exit(exit);
        }
        stopped.await();
    }

    /**
     * Runs a command. For {@code serve} it returns once the agent listens, after setting up a shutdown hook that
     * stops it and counts {@code stopped} down; the caller waits on that latch.
     */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stopped) {
        return run(args, out, err, stopped, false);
    }

    /** As above; {@code toLogFiles} sends the log to the rotating files, which only the real program does. */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stopped, boolean toLogFiles) {
        if (args.length > 0 && args[0].equals("login")) {
            int exit = LoginCommand.run(args, System.in, out, err, System.getenv(), toLogFiles);
            stopped.countDown();
            return exit;
        }
        String command = "serve";
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (COMMANDS.contains(args[i])) {
                command = args[i];
            } else {
                err.println(USAGE);
                return EXIT_USAGE;
            }
        }

        AgentConfig config;
        try {
            config = configFile == null ? AgentConfig.defaults() : AgentConfig.load(configFile);
        } catch (InvalidConfigException e) {
            err.println("Configuration refused: " + e.getMessage());
            return EXIT_USAGE;
        }

        if (toLogFiles) {
            Path logs = AgentLogging.configure(config, command.equals("serve") ? Level.INFO : Level.WARNING);
            Logger.getLogger(CardAgentMain.class.getName()).info("Command " + command + " with " + config
                    + (logs == null ? "" : "; log files in " + logs));
        }

        if (command.equals("serve")) {
            return serve(config, out, err, stopped);
        }
        Supplier<CardTerminals> terminals = config.readerMode() == ReaderMode.VIRTUAL
                ? new VirtualDemoTerminals()
                : new PcscTerminalSource();
        int exit = switch (command) {
            case "status" -> AdminStatusReport.print(config, terminals, out);
            case "readers" -> ReaderListing.print(config, terminals, out);
            default -> AgentDiagnosis.print(config, terminals, Clock.systemUTC(), out);
        };
        // An admin command is finished once printed; main must not wait for a server that never started.
        stopped.countDown();
        return exit;
    }

    private static int serve(AgentConfig config, PrintStream out, PrintStream err, CountDownLatch stopped) {
        try {
            CardAgent agent = CardAgent.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                agent.close();
                stopped.countDown();
            }, "card-agent-shutdown"));
            out.println("Card agent listening on http://127.0.0.1:" + agent.port());
            return EXIT_OK;
        } catch (AgentAlreadyRunningException e) {
            // Started twice (a login script and an autostart entry): the first one serves, this one is not needed.
            out.println(e.getMessage());
            stopped.countDown();
            return EXIT_OK;
        } catch (InvalidConfigException e) {
            err.println("Configuration refused: " + e.getMessage());
            return EXIT_USAGE;
        } catch (AgentStartException e) {
            err.println(e.getMessage());
            return EXIT_FAILED;
        }
    }
}
