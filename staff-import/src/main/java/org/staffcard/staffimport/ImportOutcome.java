package org.staffcard.staffimport;

import java.util.List;

/**
 * What one run did: the file's rows, every problem by line, how many accounts were written, left as they were
 * (already present by staff number) or skipped by Keycloak (created by someone else during the run), and the
 * department groups created.
 */
public record ImportOutcome(int rows, List<RowProblem> problems, int written, int alreadyPresent, int skipped,
                            List<String> groupsCreated, boolean wroteNothingBecauseOfProblems) {

    public ImportOutcome {
        problems = List.copyOf(problems);
        groupsCreated = List.copyOf(groupsCreated);
    }
}
