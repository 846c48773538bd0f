package org.staffcard.staffimport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One import run: check every row of the file, then every good row against the realm, report, and only then
 * write: department groups first, then the new accounts in batches through Keycloak's partial import. An account
 * that already has the row's staff number is left as it is, so running the same file again writes nothing new; the
 * partial import itself skips, never overwrites, an account whose user name or email appeared meanwhile, because an
 * overwrite would drop the account's password and bound card.
 */
public final class StaffImport {

    static final int USER_PAGE = 1000;

    private final AdminApi api;
    private final PrintStream out;
    private final Progress progress;

    public StaffImport(AdminApi api, PrintStream out, PrintStream err) {
        this.api = api;
        this.out = out;
        this.progress = new Progress(err);
    }

    public ImportOutcome run(InputStream csv, ImportOptions options)
            throws IOException, CsvFormatException, AdminApiException {
        progress.start();
        StaffFile file = StaffFile.read(csv);
        progress.step("rows checked", file.rowCount(), file.rowCount());

        ImportPlan plan = ImportPlan.of(file.goodRows(), loadRealm());
        List<RowProblem> problems = new ArrayList<>(file.problems());
        problems.addAll(plan.problems());
        problems = StaffFile.sorted(problems);
        report(file.rowCount(), problems, plan);

        DepartmentGroups groups = new DepartmentGroups(api);
        if (!problems.isEmpty() && !options.goodRowsOnly()) {
            out.println("Nothing written: " + badRowCount(problems) + " of " + file.rowCount() + " rows are bad."
                    + " Fix them, or run again with --import-good-rows to import only the good rows.");
            return new ImportOutcome(file.rowCount(), problems, 0, plan.alreadyPresent().size(), 0, List.of(), true);
        }
        if (options.dryRun()) {
            List<List<String>> missing = groups.missing(DepartmentGroups.named(plan.newRows()));
            out.println("Dry run, nothing written: would create " + plan.newRows().size() + " accounts and "
                    + missing.size() + " department groups" + (missing.isEmpty() ? "." : ": "
                    + String.join(", ", missing.stream().map(p -> "/" + String.join("/", p)).toList())));
            return new ImportOutcome(file.rowCount(), problems, 0, plan.alreadyPresent().size(), 0, List.of(), false);
        }

        List<String> created = groups.ensure(DepartmentGroups.named(plan.newRows()));
        if (!created.isEmpty()) {
            out.println("Created department groups: " + String.join(", ", created));
        }
        Written written = write(plan.newRows(), options.batchSize());
        out.println("Written: " + written.added() + " new accounts; " + plan.alreadyPresent().size()
                + " already present by staff number and left as they were" + (written.skipped() == 0 ? "."
                : "; " + written.skipped() + " skipped because an account with the same user name or email appeared"
                + " during the run."));
        return new ImportOutcome(file.rowCount(), problems, written.added(), plan.alreadyPresent().size(),
                written.skipped(), created, false);
    }

    private ExistingStaff loadRealm() throws AdminApiException {
        int total = api.userCount();
        List<ExistingAccount> accounts = new ArrayList<>();
        progress.start();
        // Pages until one comes back short, not until the count: accounts may be added while the pages are read.
        for (int first = 0; ; first += USER_PAGE) {
            List<ExistingAccount> page = api.users(first, USER_PAGE);
            accounts.addAll(page);
            progress.step("realm accounts read", accounts.size(), Math.max(total, accounts.size()));
            if (page.size() < USER_PAGE) {
                break;
            }
        }
        return new ExistingStaff(accounts);
    }

    /** Accounts Keycloak added, and those it skipped because their user name or email exists. */
    private record Written(int added, int skipped) {
    }

    private Written write(List<StaffRow> rows, int batchSize) throws AdminApiException {
        int added = 0;
        int skipped = 0;
        progress.start();
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<StaffRow> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            ArrayNode users = JsonNodeFactory.instance.arrayNode();
            batch.forEach(row -> users.add(NewAccount.of(row)));

            JsonNode answer;
            try {
                answer = api.partialImport(users);
            } catch (AdminApiException e) {
                throw new AdminApiException(e.status(), "the batch of lines " + batch.get(0).line() + " to "
                        + batch.get(batch.size() - 1).line() + " was not written (" + added + " accounts before it"
                        + " were): " + e.getMessage() + ". Running the same file again continues where this stopped.");
            }
            added += answer.path("added").asInt();
            skipped += answer.path("skipped").asInt();
            progress.step("accounts written", from + batch.size(), rows.size());
        }
        return new Written(added, skipped);
    }

    private void report(int rowCount, List<RowProblem> problems, ImportPlan plan) {
        for (RowProblem problem : problems) {
            out.println(problem);
        }
        out.println(rowCount + " rows: " + (rowCount - badRowCount(problems)) + " good (" + plan.newRows().size()
                + " new, " + plan.alreadyPresent().size() + " already present), " + badRowCount(problems) + " bad.");
    }

    private static long badRowCount(List<RowProblem> problems) {
        return problems.stream().mapToInt(RowProblem::line).distinct().count();
    }
}
