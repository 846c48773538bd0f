package org.staffcard.agent;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the agent's log goes: rotating files in the log directory (five files of one megabyte at most, so a PC
 * that runs the agent for years never fills its disk) and the console, one line per record, so a service manager's
 * journal and the file read alike.
 */
final class AgentLogging {

    static final String FILE_PATTERN = "card-agent.%g.log";
    static final int FILE_LIMIT_BYTES = 1024 * 1024;
    static final int FILE_COUNT = 5;

    private AgentLogging() {
    }

    /**
     * Sends the agent's log to the console and to the rotating files; answers the directory in use, or null when
     * it cannot be written (then the console alone gets the log, and says why). The admin commands pass
     * {@code WARNING} for the console, so their report is not interleaved with routine lines.
     */
    static Path configure(AgentConfig config, Level consoleLevel) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.setLevel(Level.INFO);
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new OneLine());
        console.setLevel(consoleLevel);
        root.addHandler(console);

        Path directory = config.logDirectory().orElseGet(AgentLogging::defaultDirectory);
        try {
            Files.createDirectories(directory);
            FileHandler file = new FileHandler(directory.resolve(FILE_PATTERN).toString(), FILE_LIMIT_BYTES,
                    FILE_COUNT, true);
            file.setEncoding(StandardCharsets.UTF_8.name());
            file.setFormatter(new OneLine());
            root.addHandler(file);
            return directory;
        } catch (IOException | RuntimeException e) {
            root.warning("Cannot write log files in " + directory + " (" + e.getMessage() + "); logging to the "
                    + "console only. Set " + AgentConfig.LOG_DIR + " to a writable directory.");
            return null;
        }
    }

    /** The usual place for a per-user program's logs on this OS. */
    static Path defaultDirectory() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local == null ? home.resolve("AppData").resolve("Local") : Path.of(local))
                    .resolve("StaffCardAgent").resolve("logs");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Logs").resolve("StaffCardAgent");
        }
        return home.resolve(".staffcard-agent").resolve("logs");
    }

    /** {@code 2026-04-01T09:00:00.123Z INFO CardSigner: message}, with a failure's class and message appended. */
    static final class OneLine extends Formatter {

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(160);
            line.append(Instant.ofEpochMilli(record.getMillis())).append(' ')
                    .append(record.getLevel().getName()).append(' ')
                    .append(shortName(record.getLoggerName())).append(": ")
                    .append(formatMessage(record).replace('\n', ' ').replace('\r', ' '));
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                line.append(" [").append(thrown.getClass().getSimpleName()).append(": ")
                        .append(String.valueOf(thrown.getMessage()).replace('\n', ' ')).append(']');
            }
            line.append(System.lineSeparator());
            // A failure nobody expected needs its stack to be fixed; the expected ones are told in one line.
            if (thrown != null && record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                StringWriter stack = new StringWriter();
                thrown.printStackTrace(new PrintWriter(stack));
                line.append(stack);
            }
            return line.toString();
        }

        private static String shortName(String logger) {
            if (logger == null) {
                return "agent";
            }
            return logger.substring(logger.lastIndexOf('.') + 1);
        }
    }
}
