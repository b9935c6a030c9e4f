/**
 * Stage 1, inbox -> bronze: each new file (by SHA-256) read once, parsed (CSV or XLSX,
 * UTF-8/GB18030), validated row by row against its source declaration; good rows to bronze.*, bad
 * rows to ops.quarantine with a reason code naming file, line and column, and every file in the
 * manifest. {@link io.epiwatch.ingest.IngestPlan} decides which files load, are skipped or are
 * rejected (no Spark); {@link io.epiwatch.ingest.IngestJob} executes it.
 */
package io.epiwatch.ingest;
