package org.staffcard.agent;

import com.sun.net.httpserver.HttpServer;

import javax.smartcardio.CardTerminals;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A running card agent, for the main program and for tests of other modules:
 *
 * <pre>
 * try (CardAgent agent = CardAgent.start(config, () -> terminals, new FixedDemoPinSource("1234".toCharArray()))) {
 *     URI status = URI.create("http://127.0.0.1:" + agent.port() + "/v1/status");
 * }
 * </pre>
 */
public final class CardAgent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CardAgent.class.getName());

    /** A sign waits for the user at the PIN window; the other threads keep answering status and BUSY. */
    private static final int HTTP_THREADS = 4;

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK's HTTP server writes the headers and the body of an answer apart; with Nagle's algorithm on, the
        // body then waits for the browser's delayed ACK, adding about 40 ms to every answer. Read once, before the
        // first server starts, so an explicit setting on the command line still wins.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final CardEventMonitor monitor;

    private CardAgent(HttpServer server, ExecutorService executor, CardEventMonitor monitor) {
        this.server = server;
        this.executor = executor;
        this.monitor = monitor;
    }

    /** Starts with the readers and PIN source the configuration names. */
    public static CardAgent start(AgentConfig config) throws AgentStartException, InvalidConfigException {
        Supplier<CardTerminals> terminals = config.readerMode() == ReaderMode.VIRTUAL
                ? new VirtualDemoTerminals()
                : new PcscTerminalSource();
        return start(config, terminals, PinSources.fromConfig(config));
    }

    public static CardAgent start(AgentConfig config, Supplier<CardTerminals> terminals, PinSource pins)
            throws AgentStartException {
        return start(config, terminals, pins, EventStreamLimits.DEFAULT, Clock.systemUTC());
    }

    /** With the event-stream bounds and the rate limiter's clock given, for tests and measurements. */
    static CardAgent start(AgentConfig config, Supplier<CardTerminals> terminals, PinSource pins,
                           EventStreamLimits limits, Clock clock) throws AgentStartException {
        HttpServer server = bindFirstFreePort(config);

        ReentrantLock cardAccess = new ReentrantLock();
        CardReaderService readers = new CardReaderService(terminals, config.readerName());
        CardSigner signer = new CardSigner(readers, new CardIdentityReader(config.freeArea()), pins, cardAccess);
        CardStatusProbe status = new CardStatusProbe(readers, cardAccess);
        CardEventMonitor monitor = new CardEventMonitor(readers, status, limits);
        AgentHttpServer handler = new AgentHttpServer(server, new OriginPolicy(config.allowedOrigins()), status,
                signer, new SignRateLimiter(config.signPerMinute(), clock),
                new CardEventStreams(monitor, status, limits));
        server.createContext("/", handler);

        // Each open event stream holds a thread for its life; the others keep answering status and sign.
        ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS + limits.maxStreams(), task -> {
            Thread thread = new Thread(task, "card-agent-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        LOG.info("Card agent listening on 127.0.0.1:" + server.getAddress().getPort() + " for origins "
                + config.allowedOrigins());
        return new CardAgent(server, executor, monitor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        monitor.close();
        server.stop(0);
        executor.shutdownNow();
    }

    private static HttpServer bindFirstFreePort(AgentConfig config) throws AgentStartException {
        for (int port : config.ports()) {
            try {
                return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            } catch (BindException e) {
                if (RunningAgentProbe.isAgent(port, config.allowedOrigins().get(0))) {
                    throw new AgentAlreadyRunningException(port);
                }
                LOG.info("Port " + port + " is used by another program; trying the next one");
            } catch (IOException e) {
                throw new AgentStartException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
            }
        }
        throw new NoFreePortException(config.ports());
    }
}
