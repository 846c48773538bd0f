package org.staffcard.agent;

import java.io.Console;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Asks for the PIN on the terminal the agent was started from, without echo. With one try left it asks a y/N
 * question before the PIN goes to the card. The request gives up after the configured time and answers
 * PIN_CANCELLED; the terminal's own read cannot be interrupted, so a line typed after that time is read and dropped
 * by the abandoned prompt.
 */
public final class ConsolePinSource implements PinSource, CardChooser {

    private static final Logger LOG = Logger.getLogger(ConsolePinSource.class.getName());

    private final Console console;
    private final Duration timeout;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "card-agent-console-pin");
        thread.setDaemon(true);
        return thread;
    });

    public ConsolePinSource(Console console, Duration timeout) {
        this.console = console;
        this.timeout = timeout;
    }

    @Override
    public char[] requestPin(PinRequest request) throws PinCancelledException {
        PinPrompt prompt = new PinPrompt(request);
        long deadline = System.nanoTime() + timeout.toNanos();
        console.printf("%n%s%n", prompt.originLine());
        for (String warning : prompt.originWarnings()) {
            console.printf("WARNING: %s%n", warning);
        }
        console.printf("%s%n%s%n", prompt.cardLine(), prompt.triesLine());

        char[] pin = read(() -> console.readPassword("Card PIN (empty to cancel): "), deadline);
        if (pin == null || pin.length == 0) {
            throw new PinCancelledException("no PIN was typed on the console");
        }
        if (prompt.needsLastTryConfirmation()) {
            console.printf("%s%n", prompt.lastTryQuestion());
            String answer;
            try {
                answer = read(() -> console.readLine("Send the PIN? [y/N] "), deadline);
            } catch (PinCancelledException e) {
                Arrays.fill(pin, '\0');
                throw e;
            }
            if (!prompt.maySend(PinPrompt.isYes(answer))) {
                Arrays.fill(pin, '\0');
                LOG.info("PIN not sent: the user did not confirm the last try for origin " + request.origin());
                throw new PinCancelledException("the user did not confirm using the last PIN try");
            }
        }
        return pin;
    }

    /** Lists the cards by reader and card user ID and reads the number of the one to use. */
    @Override
    public int chooseCard(String origin, List<String> labels) throws PinCancelledException {
        long deadline = System.nanoTime() + timeout.toNanos();
        console.printf("%nSign-in requested by: %s%nSeveral cards are on the readers:%n", origin);
        for (int i = 0; i < labels.size(); i++) {
            console.printf("  %d. %s%n", i + 1, labels.get(i));
        }
        String answer = read(() -> console.readLine("Card to use (1-%d, empty to cancel): ", labels.size()),
                deadline);
        int chosen = CardNumberAnswer.index(answer, labels.size());
        if (chosen < 0) {
            throw new PinCancelledException("no card was chosen on the console");
        }
        return chosen;
    }

    private <T> T read(Supplier<T> prompt, long deadline) throws PinCancelledException {
        Future<T> answer = reader.submit(prompt::get);
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            console.printf("%nNo answer within %d s; the sign-in was cancelled. Press Enter.%n", timeout.toSeconds());
            throw new PinCancelledException("no PIN was typed within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new PinCancelledException("the PIN prompt was interrupted", e);
        } catch (ExecutionException e) {
            throw new PinCancelledException("the terminal could not be read", e.getCause());
        }
    }
}
