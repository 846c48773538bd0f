package org.staffcard.authenticator.amr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a session's "amr" list from the steps it completed: each step's methods in the order the steps were
 * completed, each method once. A step-up after a card-only sign-in so gives the card's methods, then "pwd".
 */
final class AuthenticationMethodList {

    private AuthenticationMethodList() {
    }

    /**
     * @param completedSteps execution id to the time (seconds) it was completed, as Keycloak keeps them
     * @param methodsOfStep the methods one execution proves; empty for a step that proves none
     */
    static List<String> of(Map<String, Integer> completedSteps, Function<String, List<String>> methodsOfStep) {
        List<Map.Entry<String, Integer>> inOrder = new ArrayList<>(completedSteps.entrySet());
        // Steps completed in the same second keep a fixed order, so the claim does not change between tokens.
        inOrder.sort(Comparator.comparing((Map.Entry<String, Integer> step) -> step.getValue())
                .thenComparing(Map.Entry::getKey));

        Set<String> methods = new LinkedHashSet<>();
        for (Map.Entry<String, Integer> step : inOrder) {
            methods.addAll(methodsOfStep.apply(step.getKey()));
        }
        return List.copyOf(methods);
    }
}
