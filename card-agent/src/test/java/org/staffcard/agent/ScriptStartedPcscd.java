package org.staffcard.agent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The PC/SC daemon that the project's {@code bin/virtual-reader.sh} started, found through the PID file the script
 * writes. Only that daemon may be stopped by a test: a developer's own pcscd serves other programs too. A PID file
 * whose process is gone, or whose PID now belongs to another program, never counts.
 */
final class ScriptStartedPcscd {

    private static final String SCRIPT = "bin/virtual-reader.sh";
    private static final String RUN_DIRECTORY_VARIABLE = "STAFFCARD_RUN_DIR";
    private static final long STOP_SECONDS = 10;
    private static final long START_SECONDS = 30;

    private final Path repository;
    private final Path runDirectory;

    private ScriptStartedPcscd(Path repository, Path runDirectory) {
        this.repository = repository;
        this.runDirectory = runDirectory;
    }

    /**
     * The daemon of the checkout these tests run in. Maven runs a module's tests in the module's folder, so the
     * checkout is its parent; a relative run directory is taken from the checkout, where the test script runs.
     */
    static ScriptStartedPcscd ofThisCheckout() {
        Path repository = Path.of("").toAbsolutePath().getParent();
        String configured = System.getenv(RUN_DIRECTORY_VARIABLE);
        Path runDirectory = configured == null || configured.isBlank()
                ? repository.resolve("run")
                : repository.resolve(configured);
        return new ScriptStartedPcscd(repository, runDirectory.normalize());
    }

    /** Why this test must leave the daemon alone; empty when the script's daemon is the one running now. */
    Optional<String> reasonToLeaveAlone() throws IOException {
        if (!Files.isRegularFile(repository.resolve(SCRIPT))) {
            return Optional.of("the project's " + SCRIPT + " is not at " + repository);
        }
        if (!Files.isRegularFile(pidFile())) {
            return Optional.of("no " + pidFile() + ": this pcscd, if any, was not started by " + SCRIPT);
        }
        if (!isRunning()) {
            return Optional.of(pidFile() + " names no running pcscd started by " + SCRIPT);
        }
        return Optional.empty();
    }

    /**
     * Whether the PID file names a live pcscd that runs with the script's configuration file. The configuration is
     * compared as a file, resolved in the daemon's own working directory, so a reused PID cannot pass.
     */
    boolean isRunning() throws IOException {
        Optional<Long> pid = recordedPid();
        if (pid.isEmpty()) {
            return false;
        }
        Path process = Path.of("/proc", Long.toString(pid.get()));
        List<String> arguments;
        Path workingDirectory;
        try {
            arguments = List.of(Files.readString(process.resolve("cmdline"), StandardCharsets.UTF_8).split("\0"));
            workingDirectory = process.resolve("cwd").toRealPath();
        } catch (IOException gone) {
            return false;
        }
        if (arguments.isEmpty() || !Path.of(arguments.get(0)).getFileName().toString().equals("pcscd")) {
            return false;
        }
        int option = arguments.indexOf("--config");
        if (option < 0 || option + 1 >= arguments.size()) {
            return false;
        }
        Path configuration = workingDirectory.resolve(arguments.get(option + 1));
        Path scriptConfiguration = runDirectory.resolve("pcscd-vpcd.conf");
        return Files.exists(configuration) && Files.exists(scriptConfiguration)
                && Files.isSameFile(configuration, scriptConfiguration);
    }

    /** Stops the daemon by its PID, after checking once more that it is the script's, and waits until it is gone. */
    void stop() throws IOException, InterruptedException {
        if (!isRunning()) {
            throw new IllegalStateException(pidFile() + " names no running pcscd started by " + SCRIPT);
        }
        long pid = recordedPid().orElseThrow();
        ProcessHandle daemon = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("pcscd " + pid + " ended before it was stopped"));

        daemon.destroy();

        try {
            daemon.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("pcscd " + pid + " did not end within " + STOP_SECONDS + " s", e);
        }
    }

    /** Starts the daemon the way the test script does; the script rewrites the PID file with the new PID. */
    void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", repository.resolve(SCRIPT).toString(), "start")
                .directory(repository.toFile())
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true);
        builder.environment().put(RUN_DIRECTORY_VARIABLE, runDirectory.toString());
        Process script = builder.start();

        // pcscd writes to its own log file, so the script's output ends when the script does.
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!script.waitFor(START_SECONDS, TimeUnit.SECONDS) || script.exitValue() != 0) {
            throw new IllegalStateException(SCRIPT + " start failed: " + output);
        }
        if (!isRunning()) {
            throw new IllegalStateException(SCRIPT + " start left no running pcscd in " + pidFile() + ": " + output);
        }
    }

    Path pidFile() {
        return runDirectory.resolve("pcscd.pid");
    }

    private Optional<Long> recordedPid() throws IOException {
        if (!Files.isRegularFile(pidFile())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile(), StandardCharsets.US_ASCII).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
