package org.staffcard.authenticator.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

/**
 * The issuing CAs whose card certificates a deployment accepts, by distinguished name. A national root often signs
 * many sub-CAs, and the trust anchors alone would then let in every card any of them issued; this narrows sign-in to
 * the staff-card CA. Names are compared as parsed RDN values ({@link DistinguishedNameComparison}).
 */
public final class AcceptedIssuers {

    /** No narrowing: every issuer with a path to a trust anchor. */
    public static final AcceptedIssuers ANY = new AcceptedIssuers(List.of());

    private final List<X500Principal> names;

    private AcceptedIssuers(List<X500Principal> names) {
        this.names = List.copyOf(names);
    }

    /**
     * Reads distinguished names written as RFC 4514 text: literally ({@code CN=山田太郎, O=テスト株式会社}), with
     * hex-encoded values ({@code CN=#0c0c...}), or with lowercase or numeric attribute types.
     *
     * @throws IllegalArgumentException naming the entry that is not a distinguished name
     */
    public static AcceptedIssuers fromNames(List<String> texts) {
        List<X500Principal> parsed = new ArrayList<>();
        int position = 0;
        for (String text : texts) {
            position++;
            if (text == null || text.isBlank()) {
                continue;
            }
            try {
                parsed.add(new X500Principal(text.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("accepted card issuer " + position + " ('" + text.strip()
                        + "') is not a distinguished name such as 'CN=Staff Card CA, O=Example, C=JP': "
                        + e.getMessage(), e);
            }
        }
        return new AcceptedIssuers(parsed);
    }

    public boolean isAny() {
        return names.isEmpty();
    }

    boolean accepts(X500Principal issuer) {
        return names.stream().anyMatch(name -> DistinguishedNameComparison.sameName(name, issuer));
    }

    /** The names as an admin reads them, for log lines. */
    String describe() {
        return names.stream().map(name -> "'" + DistinguishedNames.readable(name) + "'")
                .collect(Collectors.joining(", "));
    }
}
