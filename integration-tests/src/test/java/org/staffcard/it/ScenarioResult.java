package org.staffcard.it;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What one throughput scenario measured: the sign-ins that ended in the measured period and the CPU they took. */
record ScenarioResult(String name, SignInPath path, int browsers, int nodes, List<Long> latencyNanos, int failures,
        String firstFailure, Duration measured, Duration serverCpu, Duration databaseCpu, Duration driverCpu,
        double machineBusy, String loadBefore, String loadAfter) {

    ScenarioResult {
        latencyNanos = latencyNanos.stream().sorted().toList();
    }

    int signIns() {
        return latencyNanos.size();
    }

    double perSecond() {
        return signIns() / (measured.toNanos() / 1e9);
    }

    /** The latency below which {@code share} of the sign-ins ended (nearest rank), in milliseconds. */
    double latencyMillis(double share) {
        if (latencyNanos.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(share * latencyNanos.size());
        return latencyNanos.get(Math.max(0, rank - 1)) / 1e6;
    }

    /** Keycloak's CPU time (all nodes) per sign-in, in milliseconds. */
    double serverCpuMillisPerSignIn() {
        return signIns() == 0 ? Double.NaN : (double) serverCpu.toMillis() / signIns();
    }

    /** PostgreSQL's CPU time (the backends serving the realm's database) per sign-in, in milliseconds. */
    double databaseCpuMillisPerSignIn() {
        return signIns() == 0 ? Double.NaN : (double) databaseCpu.toMillis() / signIns();
    }

    /** CPU time of this process (browsers, card signatures, balancer) per sign-in, in milliseconds. */
    double driverCpuMillisPerSignIn() {
        return signIns() == 0 ? Double.NaN : (double) driverCpu.toMillis() / signIns();
    }

    /** Sign-ins per second per core Keycloak kept busy: the throughput a fully used core would give. */
    double perSecondPerServerCore() {
        return 1000 / serverCpuMillisPerSignIn();
    }

    String summary() {
        return String.format(Locale.ROOT, "%s, %s: %d sign-ins in %.1f s = %.2f/s, p50 %.0f ms, p90 %.0f ms, "
                        + "p99 %.0f ms, Keycloak CPU %.1f ms/sign-in, database CPU %.1f ms/sign-in, "
                        + "driver CPU %.1f ms/sign-in, machine busy %.0f%%, load %s -> %s, failures %d%s",
                name, path.label(), signIns(), measured.toMillis() / 1000.0, perSecond(), latencyMillis(0.5),
                latencyMillis(0.9), latencyMillis(0.99), serverCpuMillisPerSignIn(), databaseCpuMillisPerSignIn(),
                driverCpuMillisPerSignIn(), machineBusy * 100, loadBefore, loadAfter, failures,
                failures == 0 ? "" : " (first: " + firstFailure + ")");
    }

    String tableRow() {
        return String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f "
                        + "| %.0f %% | %s → %s | %d |", name, path.label(), signIns(), perSecond(),
                latencyMillis(0.5), latencyMillis(0.9), latencyMillis(0.99), serverCpuMillisPerSignIn(),
                perSecondPerServerCore(), databaseCpuMillisPerSignIn(), driverCpuMillisPerSignIn(),
                machineBusy * 100, loadBefore, loadAfter, failures);
    }

    static String tableHeader() {
        return "| Servers | Sign-in | Sign-ins | Per second | p50 ms | p90 ms | p99 ms | Keycloak CPU ms/sign-in "
                + "| Per second per busy Keycloak core | PostgreSQL CPU ms/sign-in | Driver CPU ms/sign-in "
                + "| Machine busy | Load (1 min) | Failures |\n" + "|---".repeat(14) + "|";
    }
}
