package org.staffcard.staffimport;

/** One reason one row of the file cannot be imported, with what exactly is wrong. */
public record RowProblem(int line, Reason reason, String detail) {

    @Override
    public String toString() {
        return "line " + line + ": " + reason.text() + ": " + detail;
    }
}
