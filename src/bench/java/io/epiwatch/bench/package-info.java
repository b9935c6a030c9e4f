/**
 * The benchmark (jobs/bench) and its DuckDB peers: per-stage timings of the daily job on generated
 * data, the growth series, and two independent DuckDB implementations whose gold is compared with
 * ours row by row. A tool beside the product; no product stage depends on it. It is the src/bench
 * source set, compiled with the tests and never in the application jar; its main is {@link
 * io.epiwatch.bench.BenchMain}, run by jobs/bench (docs/decisions.md, "Module layout").
 */
package io.epiwatch.bench;
