package org.staffcard.authenticator.credential;

import jakarta.persistence.EntityManager;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

import java.util.List;

/**
 * Answers whether a card's certificate key is bound to another account of the realm. Credentials have
 * no index by their data, so the server's database is asked once for the staff card credentials whose data holds
 * the key's SHA-256 (hexadecimal, so it needs no escaping in the pattern), and each one found is read to be sure.
 * Credentials that a user federation keeps outside Keycloak's database are not seen.
 */
final class CardKeyRegistry {

    private static final String CLAIM_PREFIX = "staffcard.card-key.";
    private static final String JPA_CONNECTION_PROVIDER = "org.keycloak.connections.jpa.JpaConnectionProvider";

    private CardKeyRegistry() {
    }

    static boolean heldByAnother(KeycloakSession session, RealmModel realm, String spkiSha256, UserModel self) {
        EntityManager store = entityManager(session);
        List<Object[]> found = store.createQuery("select c.user.id, c.credentialData from CredentialEntity c "
                        + "where c.type = :type and c.user.realmId = :realm and c.credentialData like :key",
                        Object[].class)
                .setParameter("type", StaffCardCredentialModel.TYPE)
                .setParameter("realm", realm.getId())
                .setParameter("key", "%" + spkiSha256 + "%")
                .getResultList();
        return found.stream()
                .filter(row -> !row[0].equals(self.getId()))
                .anyMatch(row -> activeWithKey((String) row[1], spkiSha256));
    }

    /**
     * The entity manager of this request's transaction, from the server's JPA connection provider. The provider's
     * interface is looked up by name: the 26.7.3 build of its module cannot be resolved from the Maven repository
     * this project builds from (its parent descriptor is missing there), and the name has been the same throughout
     * Keycloak 26. A renamed provider makes every binding fail with this class's message, never pass unchecked.
     */
    @SuppressWarnings("unchecked")
    private static EntityManager entityManager(KeycloakSession session) {
        try {
            Class<? extends Provider> type = (Class<? extends Provider>) Class.forName(JPA_CONNECTION_PROVIDER, true,
                    KeycloakSession.class.getClassLoader());
            Provider jpa = session.getProvider(type);
            if (jpa == null) {
                throw new IllegalStateException("this server has no JPA store to look card keys up in");
            }
            return (EntityManager) type.getMethod("getEntityManager").invoke(jpa);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("this server's JPA store cannot be reached to look card keys up", e);
        }
    }

    /**
     * Whether a credential keeps the key from other accounts: while it is not revoked, and for good once it was
     * revoked as lost or stolen, since whoever holds that card now is not the person it was bound to. A card revoked
     * as replaced or for another reason may change hands. An unreadable credential counts as holding the key, so a
     * damaged record never lets a second binding in.
     */
    private static boolean activeWithKey(String credentialData, String spkiSha256) {
        CredentialModel stored = new CredentialModel();
        stored.setCredentialData(credentialData);
        try {
            CardCredentialData data = StaffCardCredentialModel.of(stored).data();
            if (!data.spkiSha256().equals(spkiSha256)) {
                return false;
            }
            return !data.revoked() || data.revocation().reason() == RevocationReason.LOST
                    || data.revocation().reason() == RevocationReason.STOLEN;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** Claims the key for one account while a binding writes it, as {@link CardUserIdRegistry#claim} does an ID. */
    static boolean claim(KeycloakSession session, RealmModel realm, String spkiSha256, UserModel user) {
        return TransactionClaims.claim(session, CLAIM_PREFIX + realm.getId() + "." + spkiSha256, user.getId());
    }
}
