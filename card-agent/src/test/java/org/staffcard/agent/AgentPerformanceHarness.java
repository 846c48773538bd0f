package org.staffcard.agent;

import org.staffcard.protocol.Challenge;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.InProcessCardTerminals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the card agent's own cost, as docs/performance.md reports it. Not a unit test: run it by hand.
 *
 * <pre>
 * signatures                  the agent's own time per signature over HTTP, the card's time taken out, against a
 *                             bare HTTP round trip to the same agent; heap after start and after 1000 signatures
 * startup  JAR                launch to the port answering, for {@code java -Xmx64m -jar JAR serve}, against a bare
 *                             {@code java -Xmx64m -version} of the same JDK
 * </pre>
 */
public final class AgentPerformanceHarness {

    private static final int WARM_UP = 300;
    private static final int MEASURED = 1000;
    private static final int STARTS = 7;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AgentPerformanceHarness() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("startup")) {
            startup(Path.of(args[1]));
        } else {
            signatures();
        }
    }

    /** A clock a minute further on at every look, so the rate limiter never stands in the measurement's way. */
    private static final class RacingClock extends Clock {

        private final AtomicLong minutes = new AtomicLong();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.EPOCH.plus(Duration.ofMinutes(minutes.incrementAndGet()));
        }
    }

    private static void signatures() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ObservedTerminals card = new ObservedTerminals(InProcessCardTerminals.withCard("Reader", DemoCard.newCard()));
        AgentConfig config = AgentConfig.of(Map.of(AgentConfig.ALLOWED_ORIGINS, AgentRig.ORIGIN,
                AgentConfig.PORTS, "0"));

        try (CardAgent agent = CardAgent.start(config, () -> card, request -> "1234".toCharArray(),
                EventStreamLimits.DEFAULT, new RacingClock())) {
            System.gc();
            long heapAfterStart = memory.getHeapMemoryUsage().getUsed();
            HttpClient http = HttpClient.newHttpClient();
            URI sign = URI.create("http://127.0.0.1:" + agent.port() + AgentHttpServer.SIGN_PATH);
            URI nowhere = URI.create("http://127.0.0.1:" + agent.port() + "/v1/nowhere");

            for (int i = 0; i < WARM_UP; i++) {
                signOnce(http, sign);
                roundTrip(http, nowhere);
            }

            long[] own = new long[MEASURED];
            long[] cardTime = new long[MEASURED];
            long[] bare = new long[MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                long cardBefore = card.cardNanos();
                long start = System.nanoTime();
                signOnce(http, sign);
                long total = System.nanoTime() - start;
                cardTime[i] = card.cardNanos() - cardBefore;
                own[i] = total - cardTime[i];

                start = System.nanoTime();
                roundTrip(http, nowhere);
                bare[i] = System.nanoTime() - start;
            }
            System.gc();
            long heapAfterSignatures = memory.getHeapMemoryUsage().getUsed();

            System.out.printf("signatures measured        %d (after %d to warm up)%n", MEASURED, WARM_UP);
            System.out.printf("agent's own time           median %.2f ms, p90 %.2f ms%n", median(own), p90(own));
            System.out.printf("card's time (subtracted)   median %.2f ms%n", median(cardTime));
            System.out.printf("bare HTTP round trip       median %.2f ms%n", median(bare));
            System.out.printf("own time / bare round trip %.1f%n", median(own) / median(bare));
            System.out.printf("heap used after start      %.1f MiB (max heap %.0f MiB)%n", mib(heapAfterStart),
                    mib(memory.getHeapMemoryUsage().getMax()));
            System.out.printf("heap used after signatures %.1f MiB%n", mib(heapAfterSignatures));
        }
    }

    private static void signOnce(HttpClient http, URI sign) throws IOException, InterruptedException {
        String body = "{\"challenge\":\"" + Challenge.random(RANDOM).text() + "\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(sign).header("Origin", AgentRig.ORIGIN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("signature failed: " + response.body());
        }
    }

    private static void roundTrip(HttpClient http, URI uri) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(uri).header("Origin", AgentRig.ORIGIN).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static void startup(Path jar) throws Exception {
        Path work = Files.createTempDirectory("agent-startup");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long[] ready = new long[STARTS];
        long[] bareJvm = new long[STARTS];
        for (int i = 0; i < STARTS; i++) {
            long start = System.nanoTime();
            Process version = new ProcessBuilder(java, "-Xmx64m", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            version.waitFor(30, TimeUnit.SECONDS);
            bareJvm[i] = System.nanoTime() - start;

            ready[i] = launchUntilReady(java, jar, work);
        }
        System.out.printf("launch to ready (-Xmx64m)  median %.0f ms, max %.0f ms over %d starts%n", median(ready),
                max(ready), STARTS);
        System.out.printf("bare JVM start (-version)  median %.0f ms%n", median(bareJvm));
        System.out.printf("ready / bare JVM start     %.1f%n", median(ready) / median(bareJvm));
    }

    private static long launchUntilReady(String java, Path jar, Path work) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path config = work.resolve("agent-" + port + ".properties");
        Files.writeString(config, "allowed.origins = " + AgentRig.ORIGIN + "\nports = " + port + "\nreader = virtual\n"
                + "pin.source = demo\npin.demo = 1234\nlog.dir = " + work.resolve("logs") + "\n");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + AgentHttpServer.STATUS_PATH)).header("Origin", AgentRig.ORIGIN).GET().build();

        long start = System.nanoTime();
        Process agent = new ProcessBuilder(java, "-Xmx64m", "-Djava.awt.headless=true", "-jar", jar.toString(),
                "serve", "--config", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
                try {
                    if (http.send(status, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                        return System.nanoTime() - start;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(5);
                }
            }
            throw new IllegalStateException("the agent did not answer within 30 s");
        } finally {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double p90(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) (sorted.length * 0.9)] / 1e6;
    }

    private static double max(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0) / 1e6;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
