package org.staffcard.it;

import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.CardAssertionCodec;
import org.staffcard.protocol.Challenge;
import org.staffcard.protocol.SignatureAlgorithm;
import org.staffcard.protocol.SignedPayload;
import org.staffcard.virtualcard.TestCard;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.List;

/**
 * Makes assertions with a test card's key in this process, as a card would through the agent, so tests of the
 * server's rules can use many cards without a reader for each.
 */
final class SoftwareCard {

    private final TestCard card;

    SoftwareCard(TestCard card) {
        this.card = card;
    }

    String assertion(String origin, String challenge) {
        return assertion(origin, challenge, card.cardUserId());
    }

    /** An assertion that claims {@code cardUserId}, signed over exactly that claim. */
    String assertion(String origin, String challenge, String cardUserId) {
        try {
            byte[] payload = SignedPayload.of(origin, Challenge.fromText(challenge), cardUserId);
            Signature signer = SignatureAlgorithm.RS256.newSignature();
            signer.initSign(card.profile().privateKey());
            signer.update(payload);
            return CardAssertionCodec.write(new CardAssertion(cardUserId,
                    List.of(card.certificate().getEncoded()), SignatureAlgorithm.RS256, signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    TestCard card() {
        return card;
    }
}
