/**
 * The warehouse as a catalog: every bronze, silver, gold and ops table declared once ({@code
 * Tables}, {@code TableSpec}: name, partitioning, key, description, commented schema, table
 * properties), the one door every job writes through ({@code TableWriter}: creates tables from
 * their declarations; overwrite, replaceWhere, append, MERGE on the declared key, update), the
 * folder layout that makes them queryable by name ({@code Warehouse}), the read-only query guard
 * and the generated data dictionary. Depends on nothing above it (no stage, no cli).
 */
package io.epiwatch.catalog;
