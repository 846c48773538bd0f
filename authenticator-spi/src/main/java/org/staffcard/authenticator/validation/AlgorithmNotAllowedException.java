package org.staffcard.authenticator.validation;

/** The assertion declares a signature algorithm that this server's configuration does not allow. */
public final class AlgorithmNotAllowedException extends CardValidationException {

    public static final String ERROR_CODE = "card_algorithm_not_allowed";

    public AlgorithmNotAllowedException(String adminDetail) {
        super(ERROR_CODE, null, adminDetail, null);
    }
}
