/**
 * The inbox sources declared as data: columns with English and Chinese names, types, required
 * flags, vocabularies, keys and cross-column rules. Readers, validators, bronze schemas, the
 * generator and the docs derive from these declarations.
 */
package io.epiwatch.contract;
