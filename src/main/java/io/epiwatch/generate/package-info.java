/**
 * Synthetic inboxes of every source at small, city or province scale, deterministic by seed, with
 * planted bad rows, clusters and near misses; the shipped data-sample is one of them.
 */
package io.epiwatch.generate;
