package org.staffcard.it;

import org.staffcard.agent.CardAgentMain;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The card agent's {@code login} command in a child JVM, as a PC logon module or a terminal's script runs it: its
 * own process, its own PC/SC context reaching the virtual reader through the real pcscd, the password on standard
 * input, the token response on standard output and the exit code.
 */
final class AgentLoginProcess {

    static final String DEMO_PIN = "1234";

    private final Path work;

    AgentLoginProcess(Path work) {
        this.work = work;
    }

    record Outcome(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    /** Runs login for {@code clientId} with the secret in a file; a null {@code stdinPassword} sends nothing. */
    Outcome login(String clientId, String secret, String stdinPassword, String... extraOptions) throws Exception {
        Path secretFile = Files.writeString(work.resolve(clientId + ".secret"), secret + "\n");
        List<String> line = command();
        line.addAll(List.of("login", "--server", CardStack.KEYCLOAK_ORIGIN, "--client", clientId,
                "--client-secret-file", secretFile.toString(), "--config", agentConfig().toString()));
        if (stdinPassword != null) {
            line.add("--password-stdin");
        }
        line.addAll(List.of(extraOptions));

        Process process = new ProcessBuilder(line).start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process, true));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process, false));
        try (OutputStream stdin = process.getOutputStream()) {
            if (stdinPassword != null) {
                // pam_exec's expose_authtok ends the password with a NUL byte; so does this.
                stdin.write((stdinPassword + "\0").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("login did not end within 90 s: " + stderr.getNow(""));
        }
        return new Outcome(process.exitValue(), stdout.get(), stderr.get());
    }

    /** The java command that starts the agent from the test's class path; the PC/SC recovery needs the opening. */
    static List<String> command() {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.add("-Djava.awt.headless=true");
        line.add("--add-opens");
        line.add("java.smartcardio/sun.security.smartcardio=ALL-UNNAMED");
        line.add("-cp");
        line.add(System.getProperty("java.class.path"));
        line.add(CardAgentMain.class.getName());
        return line;
    }

    /** The real reader through pcscd, the demo PIN given by the configuration since no one sits at a terminal. */
    Path agentConfig() throws IOException {
        Path file = work.resolve("agent.properties");
        Files.writeString(file, "allowed.origins = " + CardStack.KEYCLOAK_ORIGIN + "\nreader = pcsc\n"
                + "pin.source = demo\npin.demo = " + DEMO_PIN + "\nlog.dir = " + work.resolve("logs") + "\n");
        return file;
    }

    private static String read(Process process, boolean stdout) {
        try {
            byte[] bytes = (stdout ? process.getInputStream() : process.getErrorStream()).readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
