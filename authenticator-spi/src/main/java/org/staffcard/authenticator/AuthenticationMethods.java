package org.staffcard.authenticator;

import org.keycloak.models.ClientModel;

import java.util.List;

/**
 * Implemented by the factory of a card step to say which authentication methods (RFC 8176 "amr" values) one
 * successful run of that step proves. They are facts about the step, not settings, so they are not left to each
 * realm's admin to type in.
 */
public interface AuthenticationMethods {

    /** RFC 8176 §2: proof of possession of a hardware-secured key, here the card's signing key. */
    String HARDWARE_KEY = "hwk";
    /** RFC 8176 §2: a PIN that unlocks a key on a device; the card checks it before it signs. */
    String PIN = "pin";
    /** RFC 8176 §2: a password, checked by this server. */
    String PASSWORD = "pwd";

    List<String> amrValues();

    /** The methods proved when {@code client} asked for the sign-in; only a device step's level depends on it. */
    default List<String> amrValues(ClientModel client) {
        return amrValues();
    }
}
