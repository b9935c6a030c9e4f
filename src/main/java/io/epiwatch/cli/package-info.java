/**
 * The command line: one picocli class per jobs/ script, exit codes for schedulers, logging, and
 * the analysts' SQL shell and Spark Connect server. Thin: each command parses options, builds the
 * job context and calls a stage.
 */
package io.epiwatch.cli;
