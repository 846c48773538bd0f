package org.staffcard.staffimport;

/** The file as a whole cannot be read as the staff CSV: not UTF-8, no header, an unknown or missing column. */
public final class CsvFormatException extends Exception {

    public CsvFormatException(String message) {
        super(message);
    }
}
