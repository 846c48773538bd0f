package org.staffcard.agent;

import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import java.lang.reflect.Field;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The PC/SC readers of this PC, through the JDK's {@code javax.smartcardio}.
 *
 * <p>The JDK's default factory hides why PC/SC is unusable: with no library and with no running service alike it
 * is of type "None" and lists zero readers without any error. This source asks for the PC/SC factory itself and
 * sorts the failure, so the agent says "PC/SC library not found" or "reader service unavailable", never "no reader".
 *
 * <p>The JDK keeps one PC/SC context per process, made when a PC/SC factory is built. After pcscd restarts, that
 * context answers {@code SCARD_E_NO_SERVICE} for good; {@link #renew()} drops it and the factory, so the next call
 * builds a factory that establishes a fresh context. Dropping the context needs
 * {@code java.smartcardio/sun.security.smartcardio} opened to the agent (the runnable jar's manifest does it);
 * without it the agent logs that a restart is needed.
 */
public final class PcscTerminalSource implements ReaderServiceConnection {

    private static final Logger LOG = Logger.getLogger(PcscTerminalSource.class.getName());

    private static final String PCSC = "PC/SC";
    private static final String TERMINALS_CLASS = "sun.security.smartcardio.PCSCTerminals";

    private volatile TerminalFactory factory;

    /**
     * Set once the JDK refused access to its context. Every later request fails the same way, and the page asks
     * every few hundred milliseconds, so the warning is written once rather than filling the log.
     */
    private volatile boolean renewalRefused;

    @Override
    public CardTerminals get() {
        return factory().terminals();
    }

    private TerminalFactory factory() {
        TerminalFactory current = factory;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (factory == null) {
                factory = newFactory();
            }
            return factory;
        }
    }

    private static TerminalFactory newFactory() {
        PcscLibrary.Lookup library = PcscLibrary.locate();
        if (library.configuredButMissing()) {
            throw new IllegalStateException("no PC/SC library (libpcsclite) could be loaded: "
                    + PcscLibrary.PROPERTY + " names a file that does not exist; tried " + PcscLibrary.pathsTried());
        }
        try {
            return TerminalFactory.getInstance(PCSC, null);
        } catch (NoSuchAlgorithmException e) {
            if (PcscFailure.isServiceDown(causes(e))) {
                // The library is there but pcscd is not (yet) running: a temporary state, retried next call.
                throw new IllegalStateException("the PC/SC service is not running", e);
            }
            throw new IllegalStateException("no PC/SC library (libpcsclite) could be loaded; tried "
                    + PcscLibrary.pathsTried(), e);
        }
    }

    /** Forgets the JDK's stale PC/SC context, its cached readers and our factory after the service went away. */
    @Override
    public void renew() {
        synchronized (this) {
            if (factory == null) {
                // No context was made since the last renewal (the service is still down): nothing to drop, and
                // the card-event watcher asking again every few hundred milliseconds must not flood the log.
                return;
            }
            factory = null;
        }
        try {
            Class<?> terminals = Class.forName(TERMINALS_CLASS);
            synchronized (terminals) {
                Field context = terminals.getDeclaredField("contextId");
                context.setAccessible(true);
                context.setLong(null, 0L);

                Field cache = terminals.getDeclaredField("terminals");
                cache.setAccessible(true);
                ((Map<?, ?>) cache.get(null)).clear();
            }
            LOG.info("PC/SC service was lost; the next request opens a fresh PC/SC context");
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (renewalRefused) {
                return;
            }
            renewalRefused = true;
            LOG.warning("PC/SC service was lost and the JDK's context cannot be renewed in this process ("
                    + e.getClass().getSimpleName() + "); restart the card agent, or run it with "
                    + "--add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED");
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append("; ");
        }
        return text.toString();
    }
}
