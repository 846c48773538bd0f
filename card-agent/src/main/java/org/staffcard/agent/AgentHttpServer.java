package org.staffcard.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.staffcard.protocol.AgentErrorCode;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.CardAssertionCodec;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.ProtocolLimits;
import org.staffcard.protocol.ProtocolVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The loopback HTTP interface of docs/protocol.md. For every request the Host and then the Origin are checked before
 * anything else, so a refused request never reaches the card; only then come CORS headers, the route, the body size,
 * the body, the rate limit and the one-signature-at-a-time rule. No endpoint passes APDUs through.
 */
final class AgentHttpServer implements HttpHandler {

    static final String AGENT_NAME = "staff-card-agent";
    static final String VERSION = "1.0.0";

    static final String STATUS_PATH = "/v1/status";
    static final String SIGN_PATH = "/v1/sign";
    static final String EVENTS_PATH = "/v1/events";

    private static final Logger LOG = Logger.getLogger(AgentHttpServer.class.getName());

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ExecutorService signWorkers;
    private final RefusalLog refusals;

    private final HttpServer server;
    private final OriginPolicy policy;
    private final CardStatusProbe status;
    private final CardSigner signer;
    private final SignRateLimiter rateLimiter;
    private final CardEventStreams events;
    private final Semaphore signing = new Semaphore(1);

    AgentHttpServer(HttpServer server, OriginPolicy policy, CardStatusProbe status, CardSigner signer,
                    SignRateLimiter rateLimiter, CardEventStreams events, ExecutorService signWorkers,
                    RefusalLog refusals) {
        this.server = server;
        this.signWorkers = signWorkers;
        this.refusals = refusals;
        this.policy = policy;
        this.status = status;
        this.signer = signer;
        this.rateLimiter = rateLimiter;
        this.events = events;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean handedOff = false;
        try {
            String host = exchange.getRequestHeaders().getFirst("Host");
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            String allowedOrigin;
            try {
                policy.checkHost(host, server.getAddress().getPort());
                allowedOrigin = policy.checkOrigin(origin);
            } catch (HostNotAllowedException | OriginNotAllowedException e) {
                logRefusal(exchange, origin, host, e);
                sendError(exchange, e);
                return;
            }

            Headers headers = exchange.getResponseHeaders();
            headers.set("Access-Control-Allow-Origin", allowedOrigin);
            headers.add("Vary", "Origin");
            handedOff = route(exchange, allowedOrigin);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure while answering a request", e);
        } finally {
            if (!handedOff) {
                exchange.close();
            }
        }
    }

    /** Writes the summaries of refusals counted in minutes that are over; called once a minute. */
    void logRefusalSummaries() {
        refusals.summariesDue().forEach(line -> LOG.log(line.level(), line.text()));
    }

    private void logRefusal(HttpExchange exchange, String origin, String host, AgentException refusal) {
        String detail = "Refused " + exchange.getRequestMethod() + " " + printable(path(exchange)) + " from origin '"
                + printable(origin) + "' with host '" + printable(host) + "': " + refusal.getMessage();
        refusals.refused(printable(origin), detail).forEach(line -> LOG.log(line.level(), line.text()));
    }

    /** Answers the request, or hands it to a sign worker and answers true; that worker then closes it. */
    private boolean route(HttpExchange exchange, String origin) throws IOException {
        String path = path(exchange);
        String method = exchange.getRequestMethod();
        if (!path.equals(STATUS_PATH) && !path.equals(SIGN_PATH) && !path.equals(EVENTS_PATH)) {
            sendJson(exchange, 404, errorBody(AgentErrorCode.BAD_REQUEST, "no such endpoint"));
            return false;
        }
        if (method.equals("OPTIONS")) {
            answerPreflight(exchange);
            return false;
        }

        boolean expected = path.equals(SIGN_PATH) ? method.equals("POST") : method.equals("GET");
        if (!expected) {
            exchange.getResponseHeaders().set("Allow", path.equals(SIGN_PATH) ? "POST, OPTIONS" : "GET, OPTIONS");
            sendJson(exchange, 405, errorBody(AgentErrorCode.BAD_REQUEST, method + " is not used on " + path));
            return false;
        }
        if (path.equals(STATUS_PATH)) {
            answerStatus(exchange);
            return false;
        }
        if (path.equals(EVENTS_PATH)) {
            answerEvents(exchange, origin);
            return false;
        }
        return handOffSign(exchange, origin);
    }

    /**
     * A sign request reads a body and then waits for the user, so it runs on its own few threads: a local process
     * that sends headers and never the body then holds a sign worker until the server's request time limit, never a
     * thread that answers the status.
     */
    private boolean handOffSign(HttpExchange exchange, String origin) throws IOException {
        try {
            checkDeclaredLength(exchange);
        } catch (RequestTooLargeException e) {
            LOG.info("Sign request from origin " + origin + " answered " + e.code() + ": " + e.getMessage());
            sendError(exchange, e);
            return false;
        }
        try {
            signWorkers.execute(() -> {
                try (exchange) {
                    answerSign(exchange, origin);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "a sign request ended without an answer", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            sendError(exchange, new BusyException("all sign workers are in use"));
            return false;
        }
    }

    /** Chrome asks before a public page may call a private address; without the answer the call is blocked. */
    private void answerPreflight(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Methods", "GET, POST");
        headers.set("Access-Control-Allow-Headers", "Content-Type");
        headers.set("Access-Control-Max-Age", "600");
        String privateNetwork = exchange.getRequestHeaders().getFirst("Access-Control-Request-Private-Network");
        if ("true".equalsIgnoreCase(privateNetwork)) {
            headers.set("Access-Control-Allow-Private-Network", "true");
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private void answerStatus(HttpExchange exchange) throws IOException {
        CardStatus current = status.status();
        ObjectNode body = JSON.createObjectNode();
        body.put("agent", AGENT_NAME);
        body.put("version", VERSION);
        body.put("protocol", ProtocolVersion.CURRENT);
        body.put("state", current.state().name());
        current.profile().ifPresent(profile -> body.put("profile", profile));
        sendJson(exchange, 200, body);
    }

    private void answerEvents(HttpExchange exchange, String origin) throws IOException {
        try {
            events.serve(exchange, origin);
        } catch (BusyException e) {
            sendError(exchange, e);
        }
    }

    private void answerSign(HttpExchange exchange, String origin) throws IOException {
        try {
            Challenge challenge = SignRequestBody.parse(readBody(exchange));
            rateLimiter.acquire();
            if (!signing.tryAcquire()) {
                throw new BusyException("a PIN window is already open for another request");
            }
            CardAssertion assertion;
            try {
                assertion = signer.sign(origin, challenge);
            } finally {
                // Released before the answer goes out: a page that signs again at once must not meet BUSY.
                signing.release();
            }
            sendText(exchange, 200, CardAssertionCodec.write(assertion));
        } catch (AgentException e) {
            LOG.info("Sign request from origin " + origin + " answered " + e.code() + ": " + e.getMessage());
            sendError(exchange, e);
        }
    }

    /** Refuses a body declared too large before a thread waits for it. */
    private static void checkDeclaredLength(HttpExchange exchange) throws RequestTooLargeException {
        int limit = ProtocolLimits.MAX_AGENT_REQUEST_BYTES;
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.trim().length() > 6) {
            throw new RequestTooLargeException("the body is over " + limit + " bytes");
        }
        if (declared != null && declared.trim().matches("\\d+") && Integer.parseInt(declared.trim()) > limit) {
            throw new RequestTooLargeException("the body is over " + limit + " bytes");
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException, RequestTooLargeException {
        int limit = ProtocolLimits.MAX_AGENT_REQUEST_BYTES;
        checkDeclaredLength(exchange);
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new RequestTooLargeException("the body is over " + limit + " bytes");
            }
            return body;
        }
    }

    private static void sendError(HttpExchange exchange, AgentException failure) throws IOException {
        ObjectNode body = errorBody(failure.code(), failure.getMessage());
        if (failure instanceof RequestTooLargeException) {
            // The body is not read, so the connection cannot carry another request; the server closes it.
            exchange.getResponseHeaders().set("Connection", "close");
        }
        if (failure instanceof PinWrongException wrong) {
            body.put("triesLeft", wrong.triesLeft());
        }
        sendJson(exchange, AgentErrorStatus.httpStatus(failure.code()), body);
    }

    private static ObjectNode errorBody(AgentErrorCode code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", code.name());
        body.put("message", message);
        return body;
    }

    private static void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        sendText(exchange, status, body.toString());
    }

    private static void sendText(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String path(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        return path == null ? "" : path;
    }

    /** Header values go into the log as they came, minus anything that could forge a log line. */
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
