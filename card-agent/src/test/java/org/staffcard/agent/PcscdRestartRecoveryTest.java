package org.staffcard.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.VpcdConnection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A restart of the real pcscd under a running agent: the agent must answer "reader service unavailable" while the
 * daemon is down and READY again once it is back, without being restarted.
 *
 * <p>The agent runs in a child JVM started while the daemon runs, because the JDK binds its PC/SC context once per
 * process; only the agent's own renewal of that context can bring it back. The test stops the shared virtual
 * reader, so it runs only on a daemon that {@code bin/virtual-reader.sh} started, and always leaves one running.
 * No other test of this module holds a PC/SC context across this one: the only other test on the real daemon opens
 * its context when it runs, before or after this test, never during it.
 */
class PcscdRestartRecoveryTest {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final String READY = "READY";
    private static final String SERVICE_UNAVAILABLE = "READER_SERVICE_UNAVAILABLE";
    private static final Duration CARD_TAKEN = Duration.ofSeconds(10);
    private static final Duration STATE_REACHED = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void answersServiceUnavailableWhilePcscdIsDownAndReadyAfterItsRestart() throws Exception {
        ScriptStartedPcscd daemon = ScriptStartedPcscd.ofThisCheckout();
        Optional<String> reason = daemon.reasonToLeaveAlone();
        assumeTrue(reason.isEmpty(), () -> "skipped, this test stops and restarts pcscd only when the project's "
                + "script started it: " + reason.orElse(""));

        boolean stopped = false;
        Process agent = null;
        try (VpcdConnection card = new VpcdConnection(VpcdConnection.DEFAULT_HOST, VpcdConnection.DEFAULT_PORT,
                DemoCard.newCard(), message -> { })) {
            card.start();
            assumeTrue(card.awaitInserted(CARD_TAKEN), "pcscd's virtual reader did not take the card (another "
                    + "virtual card in it?)");
            agent = startAgent();
            AgentClient client = new AgentClient(listeningPort(agent));
            assertThat(awaitState(client, READY)).as("before the restart").isEqualTo(READY);

            stopped = true;
            daemon.stop();
            awaitRemoved(card);

            assertThat(awaitState(client, SERVICE_UNAVAILABLE)).as("while pcscd is down")
                    .isEqualTo(SERVICE_UNAVAILABLE);

            daemon.start();
            stopped = false;
            assertThat(card.awaitInserted(STATE_REACHED)).as("the card is back in the restarted reader").isTrue();

            assertThat(awaitState(client, READY)).as("after the restart, same agent process: " + agentLog())
                    .isEqualTo(READY);
            assertThat(agent.isAlive()).as("the agent was not restarted").isTrue();
        } finally {
            stopAgent(agent);
            if (stopped && !daemon.isRunning()) {
                daemon.start();
            }
        }
    }

    private Process startAgent() throws IOException {
        Path config = work.resolve("agent.properties");
        Files.writeString(config, "allowed.origins = " + AgentRig.ORIGIN + "\nports = 0\npin.source = demo\n"
                + "pin.demo = 1234\nlog.dir = " + work.resolve("logs") + "\n");
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.add("-Djava.awt.headless=true");
        // What the runnable jar's manifest opens, so the agent can renew the JDK's PC/SC context.
        line.add("--add-opens");
        line.add("java.smartcardio/sun.security.smartcardio=ALL-UNNAMED");
        line.add("-cp");
        line.add(System.getProperty("java.class.path"));
        line.add(CardAgentMain.class.getName());
        line.add("serve");
        line.add("--config");
        line.add(config.toString());
        return new ProcessBuilder(line).redirectErrorStream(true).start();
    }

    /**
     * Asks for the status until it is the wanted state or the time is up, and returns the last state. The daemon
     * notices a card, or its own end, on its next poll, so one answer taken at once would prove nothing.
     */
    private static String awaitState(AgentClient client, String wanted) throws Exception {
        long end = System.nanoTime() + STATE_REACHED.toNanos();
        List<String> seen = new ArrayList<>();
        while (true) {
            String body = client.status().body();
            String state = JSON.readTree(body).path("state").asText();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
                seen.add(state);
            }
            if (state.equals(wanted) || System.nanoTime() > end) {
                return state.equals(wanted) ? state : state + " (states seen: " + seen + ", last answer: " + body + ")";
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static void awaitRemoved(VpcdConnection card) throws InterruptedException {
        long end = System.nanoTime() + CARD_TAKEN.toNanos();
        while (card.isInserted() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(card.isInserted()).as("the stopped daemon closed the virtual card's link").isFalse();
    }

    private String agentLog() throws IOException {
        Path logs = work.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "(no agent log)";
        }
        StringBuilder text = new StringBuilder("agent log:\n");
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.sorted().toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    private static void stopAgent(Process agent) throws InterruptedException {
        if (agent == null) {
            return;
        }
        agent.destroy();
        if (!agent.waitFor(10, TimeUnit.SECONDS)) {
            agent.destroyForcibly();
        }
    }

    private static int listeningPort(Process agent) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(agent.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                // The agent's later output is not needed, but a full pipe would block it.
                Thread drain = new Thread(() -> {
                    try {
                        lines.transferTo(Writer.nullWriter());
                    } catch (IOException e) {
                        // The agent stopped.
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("the agent did not start:\n" + seen);
    }
}
