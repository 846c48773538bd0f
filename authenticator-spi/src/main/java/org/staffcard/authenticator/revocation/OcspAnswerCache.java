package org.staffcard.authenticator.revocation;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Good OCSP answers, kept until they go stale (their nextUpdate, or a short time after thisUpdate when they give
 * none), so a staff member signing in several times a day causes one responder call per answer period. Revoked and
 * unknown answers are not kept: they refuse the card at once, and a new question costs only that sign-in.
 */
final class OcspAnswerCache {

    /** Enough for every card of a large office within one answer period; past it the oldest are let go. */
    static final int MAX_ENTRIES = 50_000;

    private final Map<Key, OcspAnswer> answers = new ConcurrentHashMap<>();

    Optional<OcspAnswer> find(String issuerKey, BigInteger serial, Instant now) {
        Key key = new Key(issuerKey, serial);
        OcspAnswer answer = answers.get(key);
        if (answer == null) {
            return Optional.empty();
        }
        if (!now.isBefore(staleAt(answer))) {
            answers.remove(key, answer);
            return Optional.empty();
        }
        return Optional.of(answer);
    }

    void keepIfGood(String issuerKey, BigInteger serial, OcspAnswer answer, Instant now) {
        if (answer.status() != OcspAnswer.Status.GOOD || !now.isBefore(staleAt(answer))) {
            return;
        }
        if (answers.size() >= MAX_ENTRIES) {
            answers.values().removeIf(held -> !now.isBefore(staleAt(held)));
            if (answers.size() >= MAX_ENTRIES) {
                answers.clear();
            }
        }
        answers.put(new Key(issuerKey, serial), answer);
    }

    int size() {
        return answers.size();
    }

    private static Instant staleAt(OcspAnswer answer) {
        Duration fallback = OcspResponseVerifier.MAX_AGE_WITHOUT_NEXT_UPDATE;
        return answer.nextUpdate().orElse(answer.thisUpdate().plus(fallback));
    }

    private record Key(String issuerKey, BigInteger serial) {
    }
}
