package org.staffcard.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed number of simulated browsers signing in back to back, each with its own account, for a warm-up whose
 * results are thrown away and then a measured period. Only sign-ins that end within the measured period count, and
 * the CPU time of the servers and of the database's backends is read at its start and end.
 */
final class ThroughputScenario {

    private final String name;
    private final SignInPath path;
    private final List<SimulatedBrowser> browsers;
    private final List<Long> serverPids;
    private final String database;
    private final Duration warmUp;
    private final Duration measured;

    private final Queue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>("");
    private volatile boolean measuring;
    private volatile boolean stopping;

    ThroughputScenario(String name, SignInPath path, List<SimulatedBrowser> browsers, List<Long> serverPids,
            String database, Duration warmUp, Duration measured) {
        this.name = name;
        this.path = path;
        this.browsers = browsers;
        this.serverPids = serverPids;
        this.database = database;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    ScenarioResult run() throws InterruptedException {
        ExecutorService loops = Executors.newFixedThreadPool(browsers.size());
        System.out.printf("[throughput] %s, %s: %d browsers, %d s warm-up, %d s measured%n", name, path.label(),
                browsers.size(), warmUp.toSeconds(), measured.toSeconds());
        try {
            browsers.forEach(browser -> loops.execute(() -> signInUntilStopped(browser)));
            Thread.sleep(warmUp.toMillis());

            String loadBefore = ProcessCpu.loadAverage();
            Duration serverCpuBefore = ProcessCpu.used(serverPids);
            Map<Long, Duration> databaseCpuBefore = ProcessCpu.usedByDatabaseBackends(database);
            Duration driverCpuBefore = ProcessCpu.used(ProcessHandle.current().pid());
            ProcessCpu.MachineTime machineBefore = ProcessCpu.machine();
            long start = System.nanoTime();
            measuring = true;
            Thread.sleep(measured.toMillis());
            measuring = false;
            long elapsed = System.nanoTime() - start;
            Duration serverCpu = ProcessCpu.used(serverPids).minus(serverCpuBefore);
            Duration databaseCpu = ProcessCpu.usedBetween(databaseCpuBefore,
                    ProcessCpu.usedByDatabaseBackends(database));
            Duration driverCpu = ProcessCpu.used(ProcessHandle.current().pid()).minus(driverCpuBefore);
            double machineBusy = ProcessCpu.machine().busyShareSince(machineBefore);
            String loadAfter = ProcessCpu.loadAverage();

            stopping = true;
            loops.shutdown();
            if (!loops.awaitTermination(1, TimeUnit.MINUTES)) {
                loops.shutdownNow();
            }
            ScenarioResult result = new ScenarioResult(name, path, browsers.size(), serverPids.size(),
                    new ArrayList<>(latencies), failures.get(), firstFailure.get(), Duration.ofNanos(elapsed),
                    serverCpu, databaseCpu, driverCpu, machineBusy, loadBefore, loadAfter);
            System.out.println("[throughput] " + result.summary());
            return result;
        } finally {
            stopping = true;
            loops.shutdownNow();
        }
    }

    private void signInUntilStopped(SimulatedBrowser browser) {
        while (!stopping) {
            long start = System.nanoTime();
            try {
                browser.signIn(path);
                long took = System.nanoTime() - start;
                if (measuring) {
                    latencies.add(took);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | AssertionError e) {
                if (measuring) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet("", e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
    }
}
