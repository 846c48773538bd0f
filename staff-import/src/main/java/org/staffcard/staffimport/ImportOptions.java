package org.staffcard.staffimport;

/**
 * What the admin asked for. {@code goodRowsOnly}: import the good rows even when others are bad (by default one
 * bad row stops the whole import, so a half-imported file never has to be cleaned up). {@code dryRun}: check and
 * report, write nothing.
 */
public record ImportOptions(boolean dryRun, boolean goodRowsOnly, int batchSize) {

    public static final int DEFAULT_BATCH_SIZE = 500;
    static final int MAX_BATCH_SIZE = 5000;

    public ImportOptions {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("the batch size is 1 to " + MAX_BATCH_SIZE);
        }
    }

    public static ImportOptions defaults() {
        return new ImportOptions(false, false, DEFAULT_BATCH_SIZE);
    }
}
