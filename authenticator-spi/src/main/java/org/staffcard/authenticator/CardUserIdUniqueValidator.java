package org.staffcard.authenticator;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;
import org.staffcard.authenticator.credential.CardUserIdRegistry;
import org.staffcard.protocol.CardUserId;

/**
 * User-profile validator for the card user ID: each value must be well formed and no other account of the realm may
 * hold it, ignoring case ({@link CardUserIdRegistry}). The attribute is multi-valued: a staff member may hold a new
 * card beside the old one while both are valid.
 */
public final class CardUserIdUniqueValidator extends AbstractStringValidator {

    public static final String ID = "staff-card-user-id";

    static final String MESSAGE_MALFORMED = "staffCardUserIdMalformed";
    static final String MESSAGE_TAKEN = "staffCardUserIdTaken";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    protected void doValidate(String value, String inputHint, ValidationContext context, ValidatorConfig config) {
        if (!CardUserId.isWellFormed(value)) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE_MALFORMED));
            return;
        }

        AttributeContext attribute = UserProfileAttributeValidationContext.from(context).getAttributeContext();
        KeycloakSession session = attribute.getSession();
        // Claimed first, so that a card binding to another account at this moment cannot pass its own check too.
        RealmModel realm = session.getContext().getRealm();
        boolean taken = !CardUserIdRegistry.claimForWrite(session, realm, value, attribute.getUser())
                || CardUserIdRegistry.heldByAnother(session, realm, value, attribute.getUser());
        if (taken) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE_TAKEN));
        }
    }
}
