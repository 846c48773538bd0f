package org.staffcard.staffimport;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A staff CSV checked on its own, before the realm is asked anything: its well-formed rows that clash with no other
 * row, and every problem found, by line. Blank lines are ignored.
 */
public final class StaffFile {

    private final List<StaffRow> rows;
    private final List<RowProblem> problems;
    private final int rowCount;

    private StaffFile(List<StaffRow> rows, List<RowProblem> problems, int rowCount) {
        this.rows = rows;
        this.problems = problems;
        this.rowCount = rowCount;
    }

    public static StaffFile read(InputStream in) throws IOException, CsvFormatException {
        return of(CsvReader.read(in));
    }

    static StaffFile of(List<CsvRecord> records) throws CsvFormatException {
        List<CsvRecord> content = records.stream().filter(r -> !r.isBlank()).toList();
        if (content.isEmpty()) {
            throw new CsvFormatException("the file is empty; its first line must name the columns");
        }
        StaffHeader header = StaffHeader.of(content.get(0));

        List<RowProblem> problems = new ArrayList<>();
        List<StaffRow> wellFormed = new ArrayList<>();
        for (CsvRecord record : content.subList(1, content.size())) {
            StaffRow row = RowChecks.check(record, header, problems);
            if (row != null) {
                wellFormed.add(row);
            }
        }
        DuplicateCheck.check(wellFormed, problems);

        return new StaffFile(withoutRowsOn(wellFormed, problems), sorted(problems), content.size() - 1);
    }

    /** The rows that no problem names. */
    public List<StaffRow> goodRows() {
        return rows;
    }

    public List<RowProblem> problems() {
        return problems;
    }

    /** Rows in the file, header and blank lines not counted. */
    public int rowCount() {
        return rowCount;
    }

    static List<StaffRow> withoutRowsOn(List<StaffRow> rows, List<RowProblem> problems) {
        Set<Integer> bad = problems.stream().map(RowProblem::line).collect(Collectors.toSet());
        return rows.stream().filter(row -> !bad.contains(row.line())).toList();
    }

    static List<RowProblem> sorted(List<RowProblem> problems) {
        return problems.stream().sorted(Comparator.comparingInt(RowProblem::line)).toList();
    }
}
