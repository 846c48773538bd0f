package org.staffcard.agent;

import com.sun.net.httpserver.HttpServer;

import javax.smartcardio.CardTerminals;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    /** Sign requests read their body and wait for the user on these threads, apart from the status threads. */
    private static final int SIGN_WORKERS = 4;

    /** Seconds a client may take to send a whole request; the body is at most 1 KiB and comes over loopback. */
    static final int MAX_REQUEST_SECONDS = 5;

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    private static final String DRAIN_AMOUNT = "sun.net.httpserver.drainAmount";

    static {
        // The JDK's HTTP server reads these once, before the first server starts, so an explicit setting on the
        // command line still wins.
        //
        // It writes the headers and the body of an answer apart; with Nagle's algorithm on, the body then waits for
        // the browser's delayed ACK, adding about 40 ms to every answer.
        setIfAbsent(NO_DELAY, "true");

        // Without a limit a local process that sends the headers and never the body holds a thread for ever; with
        // it the server closes such a connection. Answers have no limit: an event stream lasts ten minutes.
        setIfAbsent(MAX_REQUEST_TIME, Integer.toString(MAX_REQUEST_SECONDS));

        // After an answer to a request whose body was not read (413, refusals) the server would otherwise wait to
        // read up to 64 KiB of that body before reusing the connection; with nothing to drain it closes it at once.
        setIfAbsent(DRAIN_AMOUNT, "0");
    }

    private final HttpServer server;
    private final List<ExecutorService> executors;
    private final CardEventMonitor monitor;

    private CardAgent(HttpServer server, List<ExecutorService> executors, CardEventMonitor monitor) {
        this.server = server;
        this.executors = executors;
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
        CardStatusProbe status = new CardStatusProbe(readers, cardAccess, signer.userChoosesAmongCards());
        CardEventMonitor monitor = new CardEventMonitor(readers, status, limits);
        // A sign beyond the workers is answered BUSY at once instead of waiting in a queue.
        ExecutorService signWorkers = new ThreadPoolExecutor(0, SIGN_WORKERS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon("card-agent-sign"));
        AgentHttpServer handler = new AgentHttpServer(server, new OriginPolicy(config.allowedOrigins()), status,
                signer, new SignRateLimiter(config.signPerMinute(), clock),
                new CardEventStreams(monitor, status, limits), signWorkers, new RefusalLog(clock));
        server.createContext("/", handler);

        // Each open event stream holds a thread for its life; the others keep answering status and hand signs on.
        ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS + limits.maxStreams(),
                daemon("card-agent-http"));
        ScheduledExecutorService summaries = Executors.newSingleThreadScheduledExecutor(daemon("card-agent-log"));
        summaries.scheduleAtFixedRate(handler::logRefusalSummaries, 1, 1, TimeUnit.MINUTES);
        server.setExecutor(executor);
        server.start();
        LOG.info("Card agent listening on 127.0.0.1:" + server.getAddress().getPort() + " for origins "
                + config.allowedOrigins());
        return new CardAgent(server, List.of(executor, signWorkers, summaries), monitor);
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        monitor.close();
        server.stop(0);
        executors.forEach(ExecutorService::shutdownNow);
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
