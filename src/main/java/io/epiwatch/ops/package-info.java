/**
 * Running the jobs safely: the warehouse lock (and its {@code LockedException}), one ops.job_runs
 * row per stage with the Delta versions read and written, watermarks of incremental stages, and
 * maintenance (OPTIMIZE, VACUUM).
 */
package io.epiwatch.ops;
