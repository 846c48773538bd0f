package org.staffcard.authenticator.credential;

import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.storage.adapter.AbstractInMemoryUserAdapter;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A staff account of Keycloak's in-memory user type whose stored credentials live in a list, as the database would
 * keep them, so card credentials and enrolment codes can be tested without a server.
 */
public final class StaffAccount extends AbstractInMemoryUserAdapter {

    private final StoredCredentials credentials = new StoredCredentials();

    public StaffAccount(String username) {
        super(null, null, UUID.randomUUID().toString());
        setUsername(username);
    }

    @Override
    public SubjectCredentialManager credentialManager() {
        return credentials;
    }

    /** The stored credentials; everything a credential provider would do through Keycloak is unsupported. */
    private static final class StoredCredentials implements SubjectCredentialManager {

        private final List<CredentialModel> stored = new ArrayList<>();

        @Override
        public CredentialModel createStoredCredential(CredentialModel credential) {
            CredentialModel copy = credential.shallowClone();
            copy.setId(credential.getId() != null ? credential.getId() : UUID.randomUUID().toString());
            stored.add(copy);
            return copy.shallowClone();
        }

        @Override
        public void updateStoredCredential(CredentialModel credential) {
            stored.replaceAll(existing -> existing.getId().equals(credential.getId())
                    ? credential.shallowClone() : existing);
        }

        @Override
        public boolean removeStoredCredentialById(String id) {
            return stored.removeIf(existing -> existing.getId().equals(id));
        }

        @Override
        public CredentialModel getStoredCredentialById(String id) {
            return stored.stream().filter(c -> c.getId().equals(id)).findFirst().map(CredentialModel::shallowClone)
                    .orElse(null);
        }

        @Override
        public Stream<CredentialModel> getStoredCredentialsStream() {
            return List.copyOf(stored).stream().map(CredentialModel::shallowClone);
        }

        @Override
        public Stream<CredentialModel> getStoredCredentialsByTypeStream(String type) {
            return getStoredCredentialsStream().filter(c -> type.equals(c.getType()));
        }

        @Override
        public CredentialModel getStoredCredentialByNameAndType(String name, String type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isValid(List<CredentialInput> inputs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean updateCredential(CredentialInput input) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean moveStoredCredentialTo(String id, String newPreviousCredentialId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateCredentialLabel(String credentialId, String userLabel) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void disableCredentialType(String credentialType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Stream<String> getDisableableCredentialTypesStream() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isConfiguredFor(String type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isConfiguredLocally(String type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Stream<String> getConfiguredUserStorageCredentialTypesStream() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CredentialModel createCredentialThroughProvider(CredentialModel model) {
            throw new UnsupportedOperationException();
        }
    }
}
