/**
 * Pure helpers shared by every layer, with no Spark: resident ID checks (GB 11643), person keys
 * (HMAC-SHA256 of the ID) and masking of names and IDs; and the fixed vocabularies as enums ({@link
 * io.epiwatch.common.Coded}: reason codes, data-quality flags, org levels, rule scopes, symptom
 * groups, exposure categories, source encodings), each carrying the code stored in the tables byte
 * for byte.
 */
package io.epiwatch.common;
