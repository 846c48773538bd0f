package org.staffcard.authenticator.credential;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

import java.util.Map;
import java.util.UUID;

/**
 * Claims in the cluster's single-use store that last as long as the transaction taking them. A claim is taken before
 * a check-then-write that the database cannot make atomic (no unique constraint fits), so a second request doing the
 * same at the same instant is refused; it is given back when the transaction ends, committed or rolled back, and by
 * then the write is visible to the next check. The lifespan only frees a claim whose node died holding it.
 */
final class TransactionClaims {

    private static final long LIFESPAN_SECONDS = 60;
    private static final String HOLDER = "holder";
    private static final String TOKEN = "token";

    private TransactionClaims() {
    }

    /**
     * Claims {@code key} for {@code holder}. True when this transaction now holds it, or when the same holder already
     * does; false when another holder does. The store takes the key at once but writes the holder's name with the
     * transaction, so until that commits every other request finds the key taken, its own holder's included.
     */
    static boolean claim(KeycloakSession session, String key, String holder) {
        SingleUseObjectProvider store = session.singleUseObjects();
        if (store.putIfAbsent(key, LIFESPAN_SECONDS)) {
            String token = UUID.randomUUID().toString();
            // put keeps a lifespan, where replace would let the claim live for ever.
            store.put(key, LIFESPAN_SECONDS, Map.of(HOLDER, holder, TOKEN, token));
            session.getTransactionManager().enlistAfterCompletion(new Release(store, key, token));
            return true;
        }
        Map<String, String> current = store.get(key);
        return current != null && holder.equals(current.get(HOLDER));
    }

    /**
     * Claims {@code key} for its whole lifespan, for a thing that is used up when the claim succeeds (an enrolment
     * code): releasing it at the end of the transaction would let a request that read the thing before the commit
     * claim it next and use it again. {@link #release} gives it back early when the thing was not used.
     */
    static boolean claimUntilExpiry(KeycloakSession session, String key) {
        return session.singleUseObjects().putIfAbsent(key, LIFESPAN_SECONDS);
    }

    static void release(KeycloakSession session, String key) {
        session.singleUseObjects().remove(key);
    }

    /**
     * Gives a claim back while it is still this transaction's: its token, or no token at all when the transaction
     * rolled back before the holder's name was written. A claim taken by another after this one's lifespan ran out
     * carries another token and stays.
     */
    private static final class Release extends AbstractKeycloakTransaction {

        private final SingleUseObjectProvider store;
        private final String key;
        private final String token;

        Release(SingleUseObjectProvider store, String key, String token) {
            this.store = store;
            this.key = key;
            this.token = token;
        }

        @Override
        protected void commitImpl() {
            release();
        }

        @Override
        protected void rollbackImpl() {
            release();
        }

        private void release() {
            Map<String, String> current = store.get(key);
            if (current != null && (current.get(TOKEN) == null || token.equals(current.get(TOKEN)))) {
                store.remove(key);
            }
        }
    }
}
