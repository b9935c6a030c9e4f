/**
 * Stage 3, silver -> gold: reporting compliance, attendance, absence by cause, cluster alerts,
 * vaccination coverage and campaign progress, risk exposure, each per school and rolled up to
 * district and city ({@code OrgRollup}); {@code MetricsJob} decides which dates to rewrite.
 */
package io.epiwatch.gold;
