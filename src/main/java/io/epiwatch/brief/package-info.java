/**
 * Stage 4, gold -> documents: the leaders' briefing PDF (JasperReports, Chinese by default) and
 * the follow-up list for data staff (PDF and XLSX). {@code BriefingData} is the only Spark part;
 * rendering works on plain rows.
 */
package io.epiwatch.brief;
