package org.staffcard.authenticator.credential;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

import java.util.Map;

/**
 * Claims in the cluster's single-use store that last as long as the transaction taking them. A claim is taken before
 * a check-then-write that the database cannot make atomic (no unique constraint fits), so a second request doing the
 * same at the same instant is refused; it is given back when the transaction ends, committed or rolled back, and by
 * then the write is visible to the next check. The lifespan only frees a claim whose node died holding it.
 */
final class TransactionClaims {

    private static final long LIFESPAN_SECONDS = 60;
    private static final String HOLDER = "holder";

    private TransactionClaims() {
    }

    /**
     * Claims {@code key} for {@code holder}. True when this transaction now holds it, or when the same holder already
     * does; false when another holder does, or when a claim is so fresh that its holder cannot be read yet.
     */
    static boolean claim(KeycloakSession session, String key, String holder) {
        SingleUseObjectProvider store = session.singleUseObjects();
        if (store.putIfAbsent(key, LIFESPAN_SECONDS)) {
            // put keeps a lifespan, where replace would let the claim live for ever.
            store.put(key, LIFESPAN_SECONDS, Map.of(HOLDER, holder));
            session.getTransactionManager().enlistAfterCompletion(new Release(store, key));
            return true;
        }
        Map<String, String> current = store.get(key);
        return current != null && holder.equals(current.get(HOLDER));
    }

    private static final class Release extends AbstractKeycloakTransaction {

        private final SingleUseObjectProvider store;
        private final String key;

        Release(SingleUseObjectProvider store, String key) {
            this.store = store;
            this.key = key;
        }

        @Override
        protected void commitImpl() {
            store.remove(key);
        }

        @Override
        protected void rollbackImpl() {
            store.remove(key);
        }
    }
}
