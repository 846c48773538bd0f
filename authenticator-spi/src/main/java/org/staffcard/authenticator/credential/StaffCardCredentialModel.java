package org.staffcard.authenticator.credential;

import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One card bound to one account, as a Keycloak credential of type {@value #TYPE}. Everything is in the public
 * credential data: a card holds no secret on the server, its proof is the signature the card makes at each sign-in.
 */
public final class StaffCardCredentialModel extends CredentialModel {

    public static final String TYPE = "staff-card";

    /** The secret data is required by the store, and a card has none. */
    private static final String NO_SECRET = "{}";

    private final CardCredentialData data;

    private StaffCardCredentialModel(CardCredentialData data) {
        this.data = data;
    }

    /** A new card credential, labelled {@code label} or, when blank, after the card's profile and ID. */
    public static StaffCardCredentialModel create(CardCredentialData data, String label) {
        StaffCardCredentialModel model = new StaffCardCredentialModel(data);
        model.setType(TYPE);
        model.setCreatedDate(data.enrolledAt());
        model.setUserLabel(label == null || label.isBlank() ? defaultLabel(data) : label.trim());
        model.setCredentialData(write(data));
        model.setSecretData(NO_SECRET);
        return model;
    }

    /**
     * Reads a stored credential, or one from a realm import, whose data is the JSON of {@link CardCredentialData}.
     *
     * @throws IllegalArgumentException when the data cannot be read
     */
    public static StaffCardCredentialModel of(CredentialModel stored) {
        CardCredentialData data;
        try {
            data = JsonSerialization.readValue(stored.getCredentialData(), CardCredentialData.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the data of staff card credential '" + stored.getId()
                    + "' is not readable", e);
        }
        StaffCardCredentialModel model = new StaffCardCredentialModel(data);
        model.setId(stored.getId());
        model.setType(TYPE);
        model.setUserLabel(stored.getUserLabel());
        model.setCreatedDate(stored.getCreatedDate() != null ? stored.getCreatedDate() : data.enrolledAt());
        model.setCredentialData(stored.getCredentialData());
        model.setSecretData(stored.getSecretData() != null ? stored.getSecretData() : NO_SECRET);
        return model;
    }

    public CardCredentialData data() {
        return data;
    }

    /** The same credential with new data, keeping its id, label and creation time. */
    StaffCardCredentialModel with(CardCredentialData changed) {
        StaffCardCredentialModel model = new StaffCardCredentialModel(changed);
        model.setId(getId());
        model.setType(TYPE);
        model.setUserLabel(getUserLabel());
        model.setCreatedDate(getCreatedDate());
        model.setCredentialData(write(changed));
        model.setSecretData(getSecretData());
        return model;
    }

    /**
     * The profile, card user ID and certificate serial: a replacement card usually carries the same ID, and the
     * serial tells the two apart on the Credentials tab.
     */
    static String defaultLabel(CardCredentialData data) {
        String kind = data.profile() == null ? "Staff card" : data.profile().name() + " card";
        return kind + " " + data.cardUserId() + (data.serialHex() == null ? "" : " (serial " + data.serialHex() + ")");
    }

    private static String write(CardCredentialData data) {
        try {
            return JsonSerialization.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
