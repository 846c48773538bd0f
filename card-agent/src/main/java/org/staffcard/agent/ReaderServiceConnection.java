package org.staffcard.agent;

import javax.smartcardio.CardTerminals;
import java.util.function.Supplier;

/**
 * Readers reached through a service that can go away and come back, as pcscd does when it restarts or when the
 * last reader is unplugged. After a failure that says the service is gone, {@link #renew()} drops what was bound
 * to the old service, so the next {@link #get()} connects afresh instead of failing until the agent restarts.
 */
interface ReaderServiceConnection extends Supplier<CardTerminals> {

    void renew();
}
