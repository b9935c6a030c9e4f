/**
 * Configuration loaded once and immutable: paths, Spark settings, time zone, secret sources,
 * per-source ingest settings ({@code AppConfig}) and the dated policy values ({@code Policy}).
 */
package io.epiwatch.config;
