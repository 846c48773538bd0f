package org.staffcard.agent;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortSelectionTest {

    @Test
    void aSecondInstanceOnATakenPortSeesTheFirstAndExitsCleanly() throws Exception {
        try (AgentRig first = AgentRig.withDemoCard(AgentRig.pin("1234"))) {
            Path config = Files.createTempFile("card-agent", ".properties");
            Files.writeString(config, "allowed.origins = " + AgentRig.ORIGIN + "\nports = " + first.agent.port()
                    + "\nreader = virtual\npin.source = demo\npin.demo = 1234\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int exit = CardAgentMain.run(new String[] {"serve", "--config", config.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                            StandardCharsets.UTF_8), new CountDownLatch(1));

            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("Another card agent is already running on port " + first.agent.port());
            Files.delete(config);
        }
    }

    @Test
    void skipsAPortHeldByAnotherProgram() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AgentConfig config = AgentConfig.of(Map.of(AgentConfig.ALLOWED_ORIGINS, AgentRig.ORIGIN,
                    AgentConfig.PORTS, other.getLocalPort() + ",0"));

            try (CardAgent agent = CardAgent.start(config, () -> null, AgentRig.pin("1234"))) {
                assertThat(agent.port()).isNotEqualTo(other.getLocalPort());
            }
        }
    }

    @Test
    void allPortsHeldByOtherProgramsIsAClearFailure() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AgentConfig config = AgentConfig.of(Map.of(AgentConfig.ALLOWED_ORIGINS, AgentRig.ORIGIN,
                    AgentConfig.PORTS, Integer.toString(other.getLocalPort())));

            assertThatThrownBy(() -> CardAgent.start(config, () -> null, AgentRig.pin("1234")))
                    .isInstanceOf(NoFreePortException.class)
                    .hasMessageContaining("[" + other.getLocalPort() + "]");
        }
    }

    @Test
    void aBadConfigurationIsRefusedAtStartWithExitCodeTwo() throws Exception {
        Path config = Files.createTempFile("card-agent", ".properties");
        Files.writeString(config, "allowed.origins = https://sso.example/\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = CardAgentMain.run(new String[] {"--config", config.toString()}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(1));

        assertThat(exit).isEqualTo(CardAgentMain.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Configuration refused").contains("has a path");
        Files.delete(config);
    }
}
