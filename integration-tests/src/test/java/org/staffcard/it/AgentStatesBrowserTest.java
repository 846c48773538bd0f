package org.staffcard.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.staffcard.agent.AgentConfig;
import org.staffcard.agent.CardAgent;
import org.staffcard.agent.FixedDemoPinSource;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.InProcessCardTerminals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login page in Chromium, on the real Keycloak, facing each situation of the card agent a staff PC can be in:
 * none running, an older one, one without a reader or without a card, one that refuses this site, and a browser
 * that does not let the site reach the PC at all. Each must end, within a bounded wait, in its own message rather
 * than the "looking for the card agent" state.
 *
 * <p>The realm's authenticator is pointed at ports chosen for each test, so the agent of the other browser tests
 * (on 47130 to 47132, reading the PC/SC daemon's virtual reader) is never seen here; the agents started here read
 * readers inside this JVM.
 */
@KeycloakIntegrationTest(config = StaffCardServerConfig.class)
class AgentStatesBrowserTest {

    private static final String ORIGIN = CardStack.KEYCLOAK_ORIGIN;
    private static final String READER = "Staff PC Reader 0";

    /** The page probes with 1.5 s timeouts and polls every 2 s; a message must be up well within this. */
    private static final Duration MESSAGE_SHOWN_WITHIN = Duration.ofSeconds(15);

    /** The agent pushes card events, so the page must not need a reload or a long poll to turn ready. */
    private static final Duration READY_AFTER_INSERTION_WITHIN = Duration.ofSeconds(5);

    @InjectRealm(fromJson = "/staff-realm.json")
    ManagedRealm realm;

    private AuthenticatorConfigRepresentation original;
    private final List<AutoCloseable> started = new ArrayList<>();
    private WebDriver browser;

    @BeforeEach
    void rememberAuthenticatorConfig() {
        original = cardConfig();
    }

    @AfterEach
    void restore() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable resource : started) {
            resource.close();
        }
        if (original != null) {
            realm.admin().flows().updateAuthenticatorConfig(original.getId(), original);
        }
    }

    @Test
    void tellsTheUserToStartOrInstallTheAgentWhenNothingListensOnItsPorts() {
        pointPageAtAgentPorts(FreeLoopbackPort.pick(), FreeLoopbackPort.pick());

        browser = Chromium.start();
        browser.get(new OidcLogin(ORIGIN).authorizationUrl());

        LoginStatus.awaitProblem(browser, "staffCardAgentNotReachable");
    }

    @Test
    void tellsTheUserToUpdateTheAgentWhenItSpeaksAnOlderProtocol() throws IOException {
        ProtocolZeroAgentStandIn oldAgent = ProtocolZeroAgentStandIn.start(FreeLoopbackPort.pick());
        started.add(oldAgent);
        pointPageAtAgentPorts(oldAgent.port());

        browser = Chromium.start();
        browser.get(new OidcLogin(ORIGIN).authorizationUrl());

        LoginStatus.awaitProblem(browser, "staffCardAgentVersionMismatch");
        assertThat(oldAgent.statusRequests()).as("the page asked the old agent for its status").isPositive();
    }

    @Test
    void tellsTheUserToConnectAReaderWhenTheAgentSeesNone() throws Exception {
        int port = startAgent(new InProcessCardTerminals(), ORIGIN);
        pointPageAtAgentPorts(port);

        browser = Chromium.start();
        browser.get(new OidcLogin(ORIGIN).authorizationUrl());

        LoginStatus.awaitProblem(browser, "staffCardNoReader");
    }

    @Test
    void findsTheAgentOnItsSecondPortWhenAnotherProgramHoldsTheFirst() throws Exception {
        // Another program listens on the first port and answers nothing an agent would.
        ServerSocket squatter = new ServerSocket(FreeLoopbackPort.pick(), 50, InetAddress.getLoopbackAddress());
        started.add(squatter);
        int second = FreeLoopbackPort.pick();
        InProcessCardTerminals terminals = new InProcessCardTerminals(READER);
        terminals.insert(READER, DemoCard.newCard());

        int port = startAgent(terminals, ORIGIN, squatter.getLocalPort() + "," + second);
        pointPageAtAgentPorts(squatter.getLocalPort(), second);
        browser = Chromium.start();
        browser.get(new OidcLogin(ORIGIN).authorizationUrl());

        assertThat(port).as("the agent moved to its second port").isEqualTo(second);
        LoginStatus.awaitReady(browser, MESSAGE_SHOWN_WITHIN);
    }

    @Test
    void asksForTheCardUntilOneIsPlacedThenTurnsReadyWithoutReload() throws Exception {
        InProcessCardTerminals terminals = new InProcessCardTerminals(READER);
        int port = startAgent(terminals, ORIGIN);
        pointPageAtAgentPorts(port);

        browser = Chromium.start();
        browser.get(new OidcLogin(ORIGIN).authorizationUrl());
        LoginStatus.awaitProblem(browser, "staffCardNoCard");

        // A reload would drop this mark, so finding it afterwards shows the same page changed by itself.
        js(browser).executeScript("window.staffCardPageMark = 'not reloaded';");
        terminals.insert(READER, DemoCard.newCard());

        LoginStatus.awaitReady(browser, READY_AFTER_INSERTION_WITHIN);
        assertThat(js(browser).executeScript("return window.staffCardPageMark;")).isEqualTo("not reloaded");
    }

    @Test
    void tellsTheUserTheAgentRefusesThisSiteWhenItsOriginIsNotAllowed() throws Exception {
        int port = startAgent(InProcessCardTerminals.withCard(READER, DemoCard.newCard()),
                "https://sso.example.lg.jp");
        pointPageAtAgentPorts(port);

        browser = Chromium.start();
        browser.get(new OidcLogin(ORIGIN).authorizationUrl());

        LoginStatus.awaitProblem(browser, "staffCardAgentOriginNotAllowed");
    }

    /**
     * A page on localhost is itself on the loopback, where Chromium asks no Local Network Access permission, so the
     * browser here treats Keycloak's address as public, as a real sign-in server is; with the permission denied
     * Chromium then blocks the page's requests to the running agent, as it does on staff PCs.
     */
    @Test
    void tellsTheUserHowToAllowLocalNetworkAccessWhenTheBrowserDeniesIt() throws Exception {
        int port = startAgent(InProcessCardTerminals.withCard(READER, DemoCard.newCard()), ORIGIN);
        pointPageAtAgentPorts(port);

        ChromeDriver chromium = PublicSiteChromium.start();
        browser = chromium;
        LocalNetworkAccess.set(chromium, ORIGIN, "denied");
        browser.get(new OidcLogin(ORIGIN).authorizationUrl());

        LoginStatus.awaitProblem(browser, "staffCardLocalNetworkBlocked");
    }

    /** The counterpart of the test above: the same browser and agent, with the permission granted, sign in. */
    @Test
    void findsTheAgentWhenTheBrowserGrantsLocalNetworkAccess() throws Exception {
        int port = startAgent(InProcessCardTerminals.withCard(READER, DemoCard.newCard()), ORIGIN);
        pointPageAtAgentPorts(port);

        ChromeDriver chromium = PublicSiteChromium.start();
        browser = chromium;
        LocalNetworkAccess.set(chromium, ORIGIN, "granted");
        browser.get(new OidcLogin(ORIGIN).authorizationUrl());

        LoginStatus.awaitReady(browser, MESSAGE_SHOWN_WITHIN);
    }

    private int startAgent(InProcessCardTerminals terminals, String allowedOrigin) throws Exception {
        return startAgent(terminals, allowedOrigin, Integer.toString(FreeLoopbackPort.pick()));
    }

    private int startAgent(InProcessCardTerminals terminals, String allowedOrigin, String ports) throws Exception {
        AgentConfig config = AgentConfig.of(Map.of(
                AgentConfig.ALLOWED_ORIGINS, allowedOrigin,
                AgentConfig.PORTS, ports));
        CardAgent agent = CardAgent.start(config, () -> terminals,
                new FixedDemoPinSource(DemoCard.properties().getProperty("pin").toCharArray()));
        started.add(agent);
        return agent.port();
    }

    private void pointPageAtAgentPorts(int... ports) {
        AuthenticatorConfigRepresentation config = cardConfig();
        Map<String, String> values = new HashMap<>(config.getConfig());
        values.put("staffcard.agentPorts", Arrays.stream(ports).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")));
        config.setConfig(values);
        realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);
    }

    private AuthenticatorConfigRepresentation cardConfig() {
        String id = realm.admin().flows().getExecutions("staff card browser").stream()
                .filter(e -> "staff-card-password".equals(e.getProviderId()))
                .findFirst().orElseThrow().getAuthenticationConfig();
        return realm.admin().flows().getAuthenticatorConfig(id);
    }

    private static JavascriptExecutor js(WebDriver browser) {
        return (JavascriptExecutor) browser;
    }

    /** The status line of the card login page: its text and its state ("checking", "problem", "ready", ...). */
    private static final class LoginStatus {

        private static final By STATUS = By.id("staff-card-status");

        private LoginStatus() {
        }

        /** Waits for the message of the key, shown as a problem, and fails with what the page shows instead. */
        static void awaitProblem(WebDriver browser, String key) {
            String expected = plainEnglish(key);
            await(browser, MESSAGE_SHOWN_WITHIN, "the message " + key,
                    b -> text(b).contains(expected) && "problem".equals(state(b)));
            assertThat(text(browser)).isEqualTo(expected);
        }

        static void awaitReady(WebDriver browser, Duration within) {
            String expected = plainEnglish("staffCardStateReady");
            await(browser, within, "the ready state", b -> "ready".equals(state(b)));
            assertThat(text(browser)).isEqualTo(expected);
        }

        private static void await(WebDriver browser, Duration within, String what,
                                  java.util.function.Predicate<WebDriver> shown) {
            try {
                new WebDriverWait(browser, within, Duration.ofMillis(100)).until(shown::test);
            } catch (TimeoutException e) {
                throw new AssertionError("the page did not show " + what + " within " + within.toSeconds()
                        + " s; it shows [" + state(browser) + "] " + text(browser), e);
            }
        }

        private static String text(WebDriver browser) {
            List<org.openqa.selenium.WebElement> found = browser.findElements(STATUS);
            return found.isEmpty() ? "(no status line on " + browser.getCurrentUrl() + ")"
                    : found.get(0).getDomProperty("textContent").trim();
        }

        private static String state(WebDriver browser) {
            List<org.openqa.selenium.WebElement> found = browser.findElements(STATUS);
            return found.isEmpty() ? "none" : found.get(0).getDomAttribute("data-state");
        }

        /** The message as the page's script puts it into the status line: text, not HTML. */
        private static String plainEnglish(String key) {
            return ThemeMessages.english(key).replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        }
    }

    /**
     * A free port on the loopback, never one of the default agent ports, where the agent of the other browser tests
     * may be listening. Another process could take it between this choice and its use; on a test machine that
     * has not been seen.
     */
    private static final class FreeLoopbackPort {

        private static final Set<Integer> DEFAULT_AGENT_PORTS = Set.of(47130, 47131, 47132);

        private FreeLoopbackPort() {
        }

        static int pick() {
            while (true) {
                try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    if (!DEFAULT_AGENT_PORTS.contains(socket.getLocalPort())) {
                        return socket.getLocalPort();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /**
     * Not a card agent: a loopback server that answers /v1/status as an agent of protocol 0 would, with the CORS
     * headers a real agent sends to an allowed origin, so the page meets an agent it cannot work with.
     */
    private static final class ProtocolZeroAgentStandIn implements AutoCloseable {

        private static final byte[] STATUS = ("{\"agent\":\"staff-card-agent\",\"version\":\"0.9.0\",\"protocol\":0,"
                + "\"state\":\"READY\",\"profile\":\"JPKI\"}").getBytes(StandardCharsets.UTF_8);

        private final HttpServer server;
        private final AtomicInteger statusRequests = new AtomicInteger();

        private ProtocolZeroAgentStandIn(HttpServer server) {
            this.server = server;
        }

        static ProtocolZeroAgentStandIn start(int port) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ProtocolZeroAgentStandIn standIn = new ProtocolZeroAgentStandIn(server);
            server.createContext("/", standIn::answer);
            server.start();
            return standIn;
        }

        int port() {
            return server.getAddress().getPort();
        }

        int statusRequests() {
            return statusRequests.get();
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                if (ORIGIN.equals(exchange.getRequestHeaders().getFirst("Origin"))) {
                    exchange.getResponseHeaders().set("Access-Control-Allow-Origin", ORIGIN);
                    exchange.getResponseHeaders().add("Vary", "Origin");
                }
                if ("OPTIONS".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST");
                    exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
                    exchange.sendResponseHeaders(204, -1);
                    return;
                }
                if (!"GET".equals(exchange.getRequestMethod())
                        || !"/v1/status".equals(exchange.getRequestURI().getPath())) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                statusRequests.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(200, STATUS.length);
                exchange.getResponseBody().write(STATUS);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /**
     * Chromium's Local Network Access permission, set through the DevTools protocol as a user's choice in the site
     * settings would. Chromium 156 gates requests to the loopback with "loopback-network" (Chrome 142 to 144 had
     * one "local-network-access" permission for all local addresses); both are set, as a user who turns local
     * network access off for the site turns off both.
     */
    private static final class LocalNetworkAccess {

        private static final List<String> PERMISSIONS = List.of("loopback-network", "local-network-access");

        private LocalNetworkAccess() {
        }

        static void set(ChromeDriver chromium, String origin, String setting) {
            for (String permission : PERMISSIONS) {
                chromium.executeCdpCommand("Browser.setPermission", Map.of(
                        "permission", Map.of("name", permission), "setting", setting, "origin", origin));
            }
        }
    }

    /**
     * Chromium as in {@link Chromium#start()}, except that it takes Keycloak's address on this machine for a
     * public one, so its Local Network Access rules apply to the page's requests to the agent.
     */
    private static final class PublicSiteChromium {

        private PublicSiteChromium() {
        }

        static ChromeDriver start() throws IOException {
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--lang=en", "--window-size=1100,900",
                    "--ip-address-space-overrides=127.0.0.1:8080=public,[::1]:8080=public",
                    "--user-data-dir=" + Files.createTempDirectory("staffcard-chromium-"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
            return new ChromeDriver(service, options);
        }
    }
}
