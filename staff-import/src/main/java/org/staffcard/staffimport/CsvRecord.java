package org.staffcard.staffimport;

import java.util.List;

/** One record of a CSV file and the line it starts on (a quoted field may span lines). */
public record CsvRecord(int line, List<String> fields) {

    public CsvRecord {
        fields = List.copyOf(fields);
    }

    boolean isBlank() {
        return fields.stream().allMatch(String::isBlank);
    }
}
