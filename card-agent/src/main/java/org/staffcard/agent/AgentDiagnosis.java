package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

import javax.smartcardio.CardTerminals;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The {@code diagnose} command: every check an admin at the PC would otherwise do by hand, in the order a sign-in
 * needs them, each with what to do when it fails. It reads the card's public data only, never the PIN.
 */
final class AgentDiagnosis {

    /** A certificate that ends this soon is reported, so the card is renewed before sign-in stops working. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    enum Outcome { OK, WARN, FAIL }

    record Finding(Outcome outcome, String check, String detail, String nextStep) {

        static Finding ok(String check, String detail) {
            return new Finding(Outcome.OK, check, detail, "");
        }
    }

    private final AgentConfig config;
    private final Supplier<CardTerminals> terminals;
    private final Clock clock;
    private final List<Finding> findings = new ArrayList<>();

    AgentDiagnosis(AgentConfig config, Supplier<CardTerminals> terminals, Clock clock) {
        this.config = config;
        this.terminals = terminals;
        this.clock = clock;
    }

    /** Prints the findings; answers 0 when nothing failed, 1 otherwise. */
    static int print(AgentConfig config, Supplier<CardTerminals> terminals, Clock clock, PrintStream out) {
        List<Finding> findings = new AgentDiagnosis(config, terminals, clock).run();
        out.println("Staff card agent " + AgentHttpServer.VERSION + " diagnosis");
        int problems = 0;
        for (Finding finding : findings) {
            out.printf("[%-4s] %-16s %s%n", finding.outcome(), finding.check(), finding.detail());
            if (!finding.nextStep().isEmpty()) {
                out.printf("%24s%s%n", "next: ", finding.nextStep());
            }
            if (finding.outcome() != Outcome.OK) {
                problems++;
            }
        }
        out.println(problems == 0 ? "No problem found." : problems + " finding(s) need attention; see 'next'.");
        return findings.stream().anyMatch(f -> f.outcome() == Outcome.FAIL) ? 1 : 0;
    }

    List<Finding> run() {
        checkLibrary();
        CardReaderService readers = new CardReaderService(terminals, config.readerName());
        if (checkReaders(readers.snapshot())) {
            checkCard(readers);
        }
        checkOrigins();
        checkPorts();
        checkLogDirectory();
        return List.copyOf(findings);
    }

    private void checkLibrary() {
        if (config.readerMode() == ReaderMode.VIRTUAL) {
            findings.add(Finding.ok("PC/SC library", "not used (reader = virtual: the built-in demo card)"));
            return;
        }
        PcscLibrary.Lookup library = PcscLibrary.locate();
        if (library.configuredButMissing()) {
            findings.add(new Finding(Outcome.FAIL, "PC/SC library", library.describe(), libraryStep()));
        } else {
            findings.add(Finding.ok("PC/SC library", library.describe()));
        }
    }

    /** Answers whether a card check makes sense after what the readers showed. */
    private boolean checkReaders(ReaderSnapshot snapshot) {
        if (snapshot.failure().isPresent()) {
            AgentErrorCode code = snapshot.failure().get();
            String check = code == AgentErrorCode.PCSC_LIBRARY_NOT_FOUND ? "PC/SC library" : "PC/SC service";
            findings.add(new Finding(Outcome.FAIL, check, code + ": " + describe(code), nextStep(code)));
            return false;
        }
        findings.add(Finding.ok("PC/SC service", config.readerMode() == ReaderMode.VIRTUAL
                ? "not used" : "reachable"));
        if (snapshot.readers().isEmpty()) {
            findings.add(new Finding(Outcome.FAIL, "Readers", "none connected", nextStep(AgentErrorCode.NO_READER)));
            return false;
        }
        List<String> shown = new ArrayList<>();
        snapshot.readers().forEach(name -> shown.add(name + (snapshot.withCard().contains(name)
                ? " (card present)" : " (no card)")));
        findings.add(Finding.ok("Readers", String.join(" | ", shown)));
        return true;
    }

    private void checkCard(CardReaderService readers) {
        CardIdentity identity;
        try (CardSession session = readers.connect()) {
            identity = new CardIdentityReader(config.freeArea()).read(session.exchange());
        } catch (AgentException e) {
            findings.add(new Finding(Outcome.FAIL, "Card", e.code() + ": " + e.getMessage(), nextStep(e.code())));
            return;
        }
        findings.add(Finding.ok("Card type", identity.profile().name() + " (authentication certificate readable, "
                + identity.algorithm() + ")"));
        findings.add(Finding.ok("Card user ID", identity.cardUserId()));

        X509Certificate certificate = identity.certificate();
        findings.add(Finding.ok("Certificate", "subject " + certificate.getSubjectX500Principal()));
        findings.add(Finding.ok("", "issuer  " + certificate.getIssuerX500Principal()));
        findings.add(Finding.ok("", "serial  " + identity.serialHex()));
        findings.add(expiry(certificate));
        findings.add(pinTries(identity.pinTriesLeft()));
    }

    Finding expiry(X509Certificate certificate) {
        Instant now = clock.instant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant notBefore = certificate.getNotBefore().toInstant();
        if (now.isAfter(notAfter)) {
            return new Finding(Outcome.FAIL, "Expiry", "expired on " + notAfter,
                    "the server refuses this card; the card issuer renews the certificate");
        }
        if (now.isBefore(notBefore)) {
            return new Finding(Outcome.FAIL, "Expiry", "not valid before " + notBefore,
                    "check this PC's clock; if it is right, the card is not usable yet");
        }
        long daysLeft = Duration.between(now, notAfter).toDays();
        if (Duration.between(now, notAfter).compareTo(EXPIRY_WARNING) <= 0) {
            return new Finding(Outcome.WARN, "Expiry", "expires on " + notAfter + " (in " + daysLeft + " days)",
                    "ask the card issuer to renew the certificate before it ends");
        }
        return Finding.ok("Expiry", "expires on " + notAfter + " (in " + daysLeft + " days)");
    }

    private static Finding pinTries(int left) {
        if (left == 0) {
            return new Finding(Outcome.FAIL, "PIN tries left", "0 (blocked)", nextStep(AgentErrorCode.PIN_BLOCKED));
        }
        if (left == 1) {
            return new Finding(Outcome.WARN, "PIN tries left", "1",
                    "the next wrong PIN blocks the card; the agent asks the user to confirm before using it");
        }
        return Finding.ok("PIN tries left", Integer.toString(left));
    }

    private void checkOrigins() {
        findings.add(Finding.ok("Allowed origins", String.join(", ", config.allowedOrigins())));
        for (String origin : config.allowedOrigins()) {
            for (String warning : OriginDisplay.of(origin).warnings()) {
                findings.add(new Finding(Outcome.WARN, "Origin", origin + ": " + warning,
                        "make sure " + AgentConfig.ALLOWED_ORIGINS + " names only your sign-in server"));
            }
        }
    }

    private void checkPorts() {
        List<String> shown = new ArrayList<>();
        boolean usable = false;
        for (int port : config.ports()) {
            String state = portState(port);
            usable |= !state.equals("used by another program");
            shown.add(port + " " + state);
        }
        if (usable) {
            findings.add(Finding.ok("Ports", String.join(", ", shown)));
        } else {
            findings.add(new Finding(Outcome.FAIL, "Ports", String.join(", ", shown),
                    "free one of these ports, or add a free one to " + AgentConfig.PORTS
                            + " and to the sign-in server's agent ports"));
        }
    }

    private String portState(int port) {
        if (port == 0) {
            return "(any free port; a page cannot find it)";
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return "free";
        } catch (IOException e) {
            return RunningAgentProbe.isAgent(port, config.allowedOrigins().get(0))
                    ? "a card agent is running there" : "used by another program";
        }
    }

    private void checkLogDirectory() {
        Path directory = config.logDirectory().orElseGet(AgentLogging::defaultDirectory);
        boolean writable = Files.isDirectory(directory) ? Files.isWritable(directory)
                : directory.getParent() != null && Files.isWritable(nearestExisting(directory));
        if (writable) {
            findings.add(Finding.ok("Log directory", directory.toString()));
        } else {
            findings.add(new Finding(Outcome.WARN, "Log directory", directory + " is not writable",
                    "set " + AgentConfig.LOG_DIR + " to a directory this user can write; until then the agent logs "
                            + "to the console only"));
        }
    }

    private static Path nearestExisting(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? path : existing;
    }

    private static String describe(AgentErrorCode code) {
        return code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String libraryStep() {
        return "install the PC/SC library (Debian/Ubuntu: apt install pcscd libpcsclite1; Fedora: dnf install "
                + "pcsc-lite pcsc-lite-libs), or point -D" + PcscLibrary.PROPERTY + " at libpcsclite.so.1";
    }

    static String nextStep(AgentErrorCode code) {
        return switch (code) {
            case PCSC_LIBRARY_NOT_FOUND -> libraryStep();
            case READER_SERVICE_UNAVAILABLE -> "start the PC/SC service (Linux: systemctl start pcscd.socket; "
                    + "Windows: start the 'Smart Card' service SCardSvr; macOS: it starts with a reader); the agent "
                    + "reconnects by itself";
            case NO_READER -> "connect a card reader; if one is connected, replug it and run the readers command";
            case NO_CARD, CARD_REMOVED -> "put the staff card on the reader";
            case MULTIPLE_CARDS -> "leave only one card on the readers, or set " + AgentConfig.READER_NAME
                    + " to the reader to use";
            case CARD_UNSUPPORTED -> "this is not a staff card of the configured profile; check "
                    + AgentConfig.FREEAREA_AID + " and " + AgentConfig.FREEAREA_FID + ", or use the staff card";
            case PIN_BLOCKED -> "the card issuer unblocks the PIN";
            case CARD_ERROR -> "take the card off the reader and put it back; if this stays, the card or reader "
                    + "is faulty";
            default -> "see the agent's log";
        };
    }
}
