package org.staffcard.staffimport;

import java.util.EnumMap;
import java.util.Map;

/** Where each column sits, read from the header row; every column must be there exactly once. */
final class StaffHeader {

    private final Map<StaffColumn, Integer> positions;
    private final int width;

    private StaffHeader(Map<StaffColumn, Integer> positions, int width) {
        this.positions = positions;
        this.width = width;
    }

    static StaffHeader of(CsvRecord header) throws CsvFormatException {
        Map<StaffColumn, Integer> positions = new EnumMap<>(StaffColumn.class);
        for (int i = 0; i < header.fields().size(); i++) {
            String heading = header.fields().get(i);
            StaffColumn column = StaffColumn.named(heading);
            if (column == null) {
                throw new CsvFormatException("line " + header.line() + ": unknown column \"" + heading.strip()
                        + "\"; the columns are " + String.join(", ", StaffColumn.headings()));
            }
            if (positions.put(column, i) != null) {
                throw new CsvFormatException("line " + header.line() + ": column " + column.heading()
                        + " appears twice");
            }
        }
        for (StaffColumn column : StaffColumn.values()) {
            if (!positions.containsKey(column)) {
                throw new CsvFormatException("line " + header.line() + ": column " + column.heading()
                        + " is missing; the columns are " + String.join(", ", StaffColumn.headings()));
            }
        }
        return new StaffHeader(positions, header.fields().size());
    }

    int width() {
        return width;
    }

    String value(CsvRecord record, StaffColumn column) {
        return record.fields().get(positions.get(column)).strip();
    }
}
