package org.staffcard.agent;

import javax.smartcardio.CardTerminals;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The card agent's command line:
 *
 * <pre>
 * java -jar card-agent.jar [serve] [--config FILE]    serve the loopback HTTP interface (the default)
 * java -jar card-agent.jar status [--config FILE]     print readers, card and certificate for an admin
 * </pre>
 */
public final class CardAgentMain {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final String USAGE = "usage: java -jar card-agent.jar [serve|status] [--config FILE]";

    private CardAgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        int exit = run(args, System.out, System.err, stopped);
        if (exit != EXIT_OK) {
            System.exit(exit);
        }
        stopped.await();
    }

    /**
     * Runs a command. For {@code serve} it returns once the agent listens, after setting up a shutdown hook that
     * stops it and counts {@code stopped} down; the caller waits on that latch.
     */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stopped) {
        String command = "serve";
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (args[i].equals("serve") || args[i].equals("status")) {
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

        if (command.equals("status")) {
            Supplier<CardTerminals> terminals = config.readerMode() == ReaderMode.VIRTUAL
                    ? new VirtualDemoTerminals()
                    : new PcscTerminalSource();
            return AdminStatusReport.print(config, terminals, out);
        }
        return serve(config, out, err, stopped);
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
