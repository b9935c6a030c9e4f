/**
 * The benchmark (jobs/bench) and its DuckDB peers: per-stage timings of the daily job on
 * generated data, the growth series, and two independent DuckDB implementations whose gold is
 * compared with ours row by row. A tool beside the product; no product stage depends on it.
 */
package io.epiwatch.bench;
