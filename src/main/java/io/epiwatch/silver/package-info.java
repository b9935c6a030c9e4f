/**
 * Stage 2, bronze -> silver: one class per silver table (the latest version per natural key, type-2
 * roster and school dimensions, data-quality flags), rebuilt incrementally from the bronze change
 * feed for the units that changed.
 */
package io.epiwatch.silver;
