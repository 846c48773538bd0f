package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The agent where PC/SC cannot be used, each in a child JVM, because the JDK binds its PC/SC library once per
 * process: with no library it must say "PC/SC library not found" with the paths it tried, and with the library but
 * no service "reader service unavailable", never "no reader".
 */
class PcscUnavailableProcessTest {

    private static final String MISSING_LIBRARY = "/nonexistent/libpcsclite.so.1";
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path work;

    private record Outcome(int exit, String output) {
    }

    private Path config() throws IOException {
        Path file = work.resolve("agent.properties");
        Files.writeString(file, "allowed.origins = " + AgentRig.ORIGIN + "\nports = 0\npin.source = demo\n"
                + "pin.demo = 1234\nlog.dir = " + work.resolve("logs") + "\n");
        return file;
    }

    private ProcessBuilder agentProcess(List<String> jvmOptions, String command) throws IOException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.add("-Djava.awt.headless=true");
        line.addAll(jvmOptions);
        line.add("-cp");
        line.add(System.getProperty("java.class.path"));
        line.add(CardAgentMain.class.getName());
        line.add(command);
        line.add("--config");
        line.add(config().toString());
        return new ProcessBuilder(line).redirectErrorStream(true);
    }

    private static Outcome run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
        return new Outcome(process.exitValue(), output);
    }

    @Test
    void statusCommandSaysLibraryNotFoundWithThePathsTried() throws Exception {
        Outcome outcome = run(agentProcess(List.of("-D" + PcscLibrary.PROPERTY + "=" + MISSING_LIBRARY), "status"));

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(CardAgentMain.EXIT_FAILED);
        assertThat(outcome.output()).contains("PCSC_LIBRARY_NOT_FOUND").contains(MISSING_LIBRARY)
                .contains("/usr/lib/x86_64-linux-gnu/libpcsclite.so.1").doesNotContain("NO_READER");
    }

    @Test
    void diagnoseNamesTheMissingLibraryAndWhatToInstall() throws Exception {
        Outcome outcome = run(agentProcess(List.of("-D" + PcscLibrary.PROPERTY + "=" + MISSING_LIBRARY),
                "diagnose"));

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(CardAgentMain.EXIT_FAILED);
        assertThat(outcome.output()).contains("[FAIL] PC/SC library").contains(MISSING_LIBRARY)
                .contains("next: install the PC/SC library");
    }

    @Test
    void statusEndpointSaysLibraryNotFound() throws Exception {
        Process agent = agentProcess(List.of("-D" + PcscLibrary.PROPERTY + "=" + MISSING_LIBRARY), "serve").start();
        try {
            int port = listeningPort(agent);

            String body = new AgentClient(port).status().body();

            assertThat(body).contains("\"state\":\"PCSC_LIBRARY_NOT_FOUND\"");
        } finally {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void readersCommandSaysServiceUnavailableWhenTheDaemonCannotBeReached() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libpcsclite.so.1")),
                "needs Debian's libpcsclite1, which reads the daemon's socket path from PCSCLITE_CSOCK_NAME");
        ProcessBuilder builder = agentProcess(List.of(), "readers");
        // The library then looks for a daemon on a socket nobody listens on, as when pcscd is stopped.
        Map<String, String> environment = builder.environment();
        environment.put("PCSCLITE_CSOCK_NAME", work.resolve("no-pcscd.comm").toString());

        Outcome outcome = run(builder);

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(CardAgentMain.EXIT_FAILED);
        assertThat(outcome.output()).contains("READER_SERVICE_UNAVAILABLE").doesNotContain("PCSC_LIBRARY_NOT_FOUND");
    }

    private static int listeningPort(Process agent) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(agent.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        lines.transferTo(java.io.Writer.nullWriter());
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
