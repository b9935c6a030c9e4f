/**
 * The warehouse as a catalog: every silver, gold and ops table declared once ({@code Tables},
 * {@code TableSpec}: name, partitioning, key, commented schema), the folder layout that makes
 * them queryable by name ({@code Warehouse}), and the generated data dictionary.
 */
package io.epiwatch.catalog;
