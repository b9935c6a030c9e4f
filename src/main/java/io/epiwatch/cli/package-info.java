/**
 * The command line: one picocli class per jobs/ script, exit codes for schedulers, logging, and the
 * analysts' SQL shell and Spark Connect server. Thin: each command parses options, builds the job
 * context and calls a stage. The developer tool jobs/bench is not here: its main lives in src/bench
 * (io.epiwatch.bench.BenchMain) and reuses SparkCommand, GeneratorOptions and Main.commandLine.
 */
package io.epiwatch.cli;
