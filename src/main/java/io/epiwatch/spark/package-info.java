/**
 * The Spark session and job context: one place that configures Spark and Delta for local runs and
 * clusters alike.
 */
package io.epiwatch.spark;
