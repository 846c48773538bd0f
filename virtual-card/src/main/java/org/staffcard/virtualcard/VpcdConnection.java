package org.staffcard.virtualcard;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Puts a virtual card into pcscd's virtual reader: the card is a TCP client of vsmartcard's vpcd driver, which
 * listens on 127.0.0.1. Being connected is being inserted; closing the socket is taking the card out. The link is
 * made again whenever vpcd goes away, as when pcscd restarts.
 */
public final class VpcdConnection implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** vpcd's first slot; the second slot listens one port higher. */
    public static final int DEFAULT_PORT = 35963;

    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    private static final int CONTROL_POWER_OFF = 0x00;
    private static final int CONTROL_POWER_ON = 0x01;
    private static final int CONTROL_RESET = 0x02;
    private static final int CONTROL_GET_ATR = 0x04;

    private final InetAddress address;
    private final int port;
    private final VirtualCard card;
    private final Consumer<String> progress;

    private volatile boolean running;
    private Thread thread;
    private Socket socket;
    private boolean inserted;

    /**
     * @param progress receives one line per event an operator cares about: waiting for vpcd, inserted, removed
     * @throws NonLoopbackAddressException if the host is not a loopback address
     */
    public VpcdConnection(String host, int port, VirtualCard card, Consumer<String> progress) {
        this.address = loopbackAddress(host);
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        this.port = port;
        this.card = card;
        this.progress = progress;
    }

    /** Runs the link on a daemon thread until {@link #close()}. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the vpcd link is already running");
        }
        running = true;
        thread = new Thread(this::runLink, "vpcd-link-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Blocks until the link's thread ends, which only {@link #close()} makes happen; a program's main thread waits
     * here while a shutdown hook closes the link.
     */
    public void awaitTermination() throws InterruptedException {
        Thread linkThread;
        synchronized (this) {
            linkThread = thread;
        }
        if (linkThread != null) {
            linkThread.join();
        }
    }

    /** Waits until vpcd has taken the card; false if that did not happen in time. */
    public synchronized boolean awaitInserted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!inserted) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                return false;
            }
            wait(remainingMillis);
        }
        return true;
    }

    public synchronized boolean isInserted() {
        return inserted;
    }

    public String endpoint() {
        return address.getHostAddress() + ":" + port;
    }

    /** Takes the card out of the reader and stops reconnecting. */
    @Override
    public void close() {
        Thread linkThread;
        synchronized (this) {
            running = false;
            closeQuietly(socket);
            linkThread = thread;
        }
        if (linkThread != null && linkThread != Thread.currentThread()) {
            linkThread.interrupt();
            try {
                linkThread.join(RETRY_INTERVAL.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runLink() {
        boolean waitingReported = false;
        while (running) {
            try (Socket link = new Socket()) {
                link.connect(new InetSocketAddress(address, port), (int) RETRY_INTERVAL.toMillis());
                waitingReported = false;
                if (!becomeInserted(link)) {
                    return;
                }
                serve(new VpcdFrames(link));
                if (running) {
                    progress.accept("vpcd " + endpoint() + " closed the link: card removed, reconnecting");
                }
            } catch (ConnectException e) {
                if (!waitingReported) {
                    progress.accept("Waiting for vpcd at " + endpoint() + " (is pcscd with the vpcd driver running?)");
                    waitingReported = true;
                }
            } catch (IOException | VpcdProtocolException e) {
                if (running) {
                    progress.accept("vpcd link " + endpoint() + " lost (" + e.getMessage() + "), reconnecting");
                }
            } finally {
                becomeRemoved();
            }
            pause();
        }
    }

    private synchronized boolean becomeInserted(Socket link) {
        if (!running) {
            return false;
        }
        socket = link;
        // A card that enters a reader starts from power-up.
        card.reset();
        inserted = true;
        notifyAll();
        progress.accept("Virtual card " + card.cardUserId() + " inserted in the virtual reader (vpcd "
                + endpoint() + ")");
        return true;
    }

    private synchronized void becomeRemoved() {
        socket = null;
        inserted = false;
        card.reset();
        notifyAll();
    }

    private void serve(VpcdFrames frames) throws IOException, VpcdProtocolException {
        for (byte[] message = frames.read(); message != null; message = frames.read()) {
            if (message.length > 1) {
                frames.write(card.transmit(message));
                continue;
            }
            switch (message[0] & 0xFF) {
                case CONTROL_POWER_OFF, CONTROL_POWER_ON, CONTROL_RESET -> card.reset();
                case CONTROL_GET_ATR -> frames.write(card.atr());
                default -> throw new VpcdProtocolException(
                        String.format("unknown vpcd control message %02X", message[0] & 0xFF));
            }
        }
    }

    private void pause() {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(RETRY_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            // close() interrupts the sleep; the loop condition then ends the link.
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static InetAddress loopbackAddress(String host) {
        InetAddress resolved;
        try {
            resolved = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new NonLoopbackAddressException("cannot resolve vpcd host " + host);
        }
        if (!resolved.isLoopbackAddress()) {
            throw new NonLoopbackAddressException("vpcd host " + host + " is not a loopback address");
        }
        return resolved;
    }

    private static void closeQuietly(Socket link) {
        if (link == null) {
            return;
        }
        try {
            link.close();
        } catch (IOException e) {
            // Closing is the card's removal; a failure to close leaves nothing more to undo.
        }
    }
}
