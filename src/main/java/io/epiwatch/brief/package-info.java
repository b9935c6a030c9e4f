/**
 * Stage 4, gold -> documents: the leaders' briefing PDF (JasperReports, Chinese by default) and the
 * follow-up list for data staff (PDF and XLSX). {@code BriefingData} and {@code FollowUpList} are
 * the only Spark parts: they map rows once into the records of {@code Briefing} and {@code
 * FollowUpItem}; {@code BriefingRenderer} and {@code FollowUpDocuments} render those records only
 * (no Spark type, no policy literal).
 */
package io.epiwatch.brief;
