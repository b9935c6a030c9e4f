/**
 * Pure helpers shared by every layer, with no Spark: resident ID checks (GB 11643), person keys
 * (HMAC-SHA256 of the ID) and masking of names and IDs.
 */
package io.epiwatch.common;
