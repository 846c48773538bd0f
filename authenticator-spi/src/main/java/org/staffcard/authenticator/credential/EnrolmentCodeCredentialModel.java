package org.staffcard.authenticator.credential;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A pending one-time enrolment code, as a Keycloak credential of type {@value #TYPE}: the code's salted SHA-256 is
 * the secret data (the code itself is shown once, to the admin who issued it, and never stored); the expiry and
 * the issuing admin are public data, so the credentials tab shows that a code is pending and until when.
 */
public final class EnrolmentCodeCredentialModel extends CredentialModel {

    public static final String TYPE = "staff-card-enrolment-code";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Details(long expiresAt, String issuedBy) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Secret(String salt, String hash) {
    }

    private final Details details;
    private final Secret secret;

    private EnrolmentCodeCredentialModel(Details details, Secret secret) {
        this.details = details;
        this.secret = secret;
    }

    static EnrolmentCodeCredentialModel create(Details details, Secret secret, long now) {
        EnrolmentCodeCredentialModel model = new EnrolmentCodeCredentialModel(details, secret);
        model.setType(TYPE);
        model.setCreatedDate(now);
        model.setUserLabel("Card enrolment code");
        model.setCredentialData(write(details));
        model.setSecretData(write(secret));
        return model;
    }

    /** @throws IllegalArgumentException when the stored data cannot be read */
    static EnrolmentCodeCredentialModel of(CredentialModel stored) {
        try {
            EnrolmentCodeCredentialModel model = new EnrolmentCodeCredentialModel(
                    JsonSerialization.readValue(stored.getCredentialData(), Details.class),
                    stored.getSecretData() == null ? null
                            : JsonSerialization.readValue(stored.getSecretData(), Secret.class));
            model.setId(stored.getId());
            model.setType(TYPE);
            model.setUserLabel(stored.getUserLabel());
            model.setCreatedDate(stored.getCreatedDate());
            model.setCredentialData(stored.getCredentialData());
            model.setSecretData(stored.getSecretData());
            return model;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the data of enrolment code credential '" + stored.getId()
                    + "' is not readable", e);
        }
    }

    public Details details() {
        return details;
    }

    Secret secret() {
        return secret;
    }

    private static String write(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
