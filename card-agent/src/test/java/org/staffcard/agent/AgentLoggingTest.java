package org.staffcard.agent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class AgentLoggingTest {

    @TempDir
    Path logs;

    private Handler[] before;
    private Level levelBefore;

    @BeforeEach
    void keepTheTestJvmsLogging() {
        before = Logger.getLogger("").getHandlers();
        levelBefore = Logger.getLogger("").getLevel();
    }

    @AfterEach
    void restoreTheTestJvmsLogging() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
            handler.close();
        }
        for (Handler handler : before) {
            root.addHandler(handler);
        }
        root.setLevel(levelBefore);
    }

    @Test
    void writesOneLinePerRecordToARotatingFileInTheConfiguredDirectory() throws Exception {
        AgentConfig config = AgentConfig.of(Map.of(AgentConfig.LOG_DIR, logs.toString()));

        Path used = AgentLogging.configure(config, Level.WARNING);
        Logger.getLogger("org.staffcard.agent.CardSigner").info("Signed for origin https://login.example");
        Logger.getLogger("org.staffcard.agent.CardSigner").log(Level.INFO, "Card failed",
                new IllegalStateException("status word 6F00"));
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.flush();
        }

        assertThat(used).isEqualTo(logs);
        List<String> lines = Files.readAllLines(logs.resolve("card-agent.0.log"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\S+Z INFO CardSigner: Signed for origin https://login\\.example");
        assertThat(lines.get(1)).endsWith("Card failed [IllegalStateException: status word 6F00]");
    }

    @Test
    void theDefaultDirectoryIsPerUser() {
        // Compared as written: the directory need not exist yet, and a real-path comparison would need it to.
        assertThat(AgentLogging.defaultDirectory()).startsWithRaw(Path.of(System.getProperty("user.home")));
    }
}
