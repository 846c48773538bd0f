package org.staffcard.agent;

import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The PC/SC readers of this PC, through the JDK's {@code javax.smartcardio}.
 *
 * <p>When the JDK cannot load a PC/SC library its default factory is of type "None" and lists zero readers without
 * any error; this source throws instead, so the agent says "PC/SC library not found" and not "no reader".
 *
 * <p>The JDK keeps one PC/SC context per process. After pcscd restarts, that context answers
 * {@code SCARD_E_NO_SERVICE} for good; {@link #recoverFromServiceLoss()} drops it so the next call establishes a fresh
 * one. That needs {@code java.smartcardio/sun.security.smartcardio} opened to the agent (the runnable jar's manifest
 * does it); without it the agent logs that a restart is needed.
 */
public final class PcscTerminalSource implements Supplier<CardTerminals> {

    private static final Logger LOG = Logger.getLogger(PcscTerminalSource.class.getName());

    private static final String TERMINALS_CLASS = "sun.security.smartcardio.PCSCTerminals";

    private volatile TerminalFactory factory;

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
                PcscLibrary.locate();
                TerminalFactory candidate = TerminalFactory.getDefault();
                if ("None".equals(candidate.getType())) {
                    throw new IllegalStateException("no PC/SC library (libpcsclite) could be loaded; tried "
                            + PcscLibrary.pathsTried());
                }
                factory = candidate;
            }
            return factory;
        }
    }

    /** Forgets the JDK's stale PC/SC context and cached readers after the service went away. */
    void recoverFromServiceLoss() {
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
            LOG.warning("PC/SC service was lost and the JDK's context cannot be renewed in this process ("
                    + e.getClass().getSimpleName() + "); restart the card agent, or run it with "
                    + "--add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED");
        }
    }
}
