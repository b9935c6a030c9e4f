/**
 * Stage 1, inbox -> bronze: each new file (by SHA-256) read once, parsed (CSV or XLSX,
 * UTF-8/GB18030), validated row by row against its source declaration; good rows to bronze.*, bad
 * rows to ops.quarantine with a reason code naming file, line and column, and every file in the
 * manifest.
 */
package io.epiwatch.ingest;
