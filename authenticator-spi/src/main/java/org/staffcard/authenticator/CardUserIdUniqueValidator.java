package org.staffcard.authenticator;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;
import org.staffcard.protocol.CardUserId;

import java.util.Locale;
import java.util.stream.Stream;

/**
 * User-profile validator for the card user ID: the value must be well formed and no other account of the realm may
 * hold it, ignoring case. Sign-in matches exactly; refusing case-only differences at write time means no two staff
 * can ever hold IDs that a person reads as the same.
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
        UserModel self = attribute.getUser();
        String folded = value.toLowerCase(Locale.ROOT);
        // The store may match attribute values exactly, so the common case variants are asked for one by one.
        // A mixed-case variant of an existing ID (aB12cd beside AB12CD) is caught only when the store itself
        // matches without case; sign-in still compares exactly, so such a pair never signs in the wrong person.
        boolean taken = Stream.of(value, folded, value.toUpperCase(Locale.ROOT)).distinct()
                .flatMap(variant -> session.users().searchForUserByUserAttributeStream(
                        session.getContext().getRealm(), StaffCardAttributes.CARD_USER_ID, variant))
                .filter(other -> self == null || !other.getId().equals(self.getId()))
                .anyMatch(other -> other.getAttributeStream(StaffCardAttributes.CARD_USER_ID)
                        .anyMatch(held -> held.toLowerCase(Locale.ROOT).equals(folded)));
        if (taken) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE_TAKEN));
        }
    }
}
