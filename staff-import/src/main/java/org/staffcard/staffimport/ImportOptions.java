package org.staffcard.staffimport;

/**
 * What the admin asked for. {@code goodRowsOnly}: import the good rows even when others are bad (by default one
 * bad row stops the whole import, so a half-imported file never has to be cleaned up). {@code dryRun}: check and
 * report, write nothing.
 */
public record ImportOptions(boolean dryRun, boolean goodRowsOnly, int batchSize) {

    /**
     * Measured (docs/performance.md): Keycloak writes one batch in one transaction and its time per account grows
     * with the batch, so 50 accounts a request import 10,000 staff about four times faster than 500.
     */
    public static final int DEFAULT_BATCH_SIZE = 50;
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
