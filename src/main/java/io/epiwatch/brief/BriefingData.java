package io.epiwatch.brief;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.epiwatch.common.OrgLevel;
import io.epiwatch.common.QualityFlag;
import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The only Spark part of a briefing: reads the small gold slices a briefing needs, at pinned
 * Delta versions (so a rendering can be reproduced by time travel), into plain Java rows.
 * One read serves every scope (city and each district).
 */
public final class BriefingData {
  public final LocalDate date;
  public final Map<String, Long> versions;
  public final List<Row> compliance;   // report_date in D-7..D, all levels
  public final List<Row> attendance;   // report_date in D-13..D, all levels
  public final List<Row> causes;       // D, symptom groups
  public final List<Row> alerts;       // active or detected in D-13..D
  public final List<Row> risk;         // as_of D, district and city
  public final List<Row> riskPrevious; // as_of D-1 and D-7 when present
  public final List<Row> coverage;     // as_of D
  public final List<Row> campaigns;    // as_of D
  public final long filesRejected;
  public final long rowsQuarantined;
  public final long contradictions;
  public final long otherFlags;
  /**
   * When later data superseded the as-of snapshots of the date (read at the tables' current
   * versions, not the pinned ones, so a reproduced briefing says so too); null = they stand.
   */
  public final java.sql.Timestamp supersededAt;

  private BriefingData(LocalDate date, Map<String, Long> versions, Warehouse wh) {
    this.date = date;
    this.versions = versions;
    Date d = Date.valueOf(date);
    compliance = slice(wh, Tables.GOLD_REPORTING_COMPLIANCE, col("report_date").between(Date.valueOf(date.minusDays(7)), d));
    attendance = slice(wh, Tables.GOLD_ATTENDANCE, col("report_date").between(Date.valueOf(date.minusDays(13)), d));
    causes = slice(wh, Tables.GOLD_ABSENCE_BY_CAUSE, col("report_date").equalTo(lit(d)).and(col("cause_type").equalTo("symptom_group")));
    alerts = slice(wh, Tables.GOLD_CLUSTER_ALERTS, col("first_detected").leq(lit(d)));
    risk = slice(wh, Tables.GOLD_RISK_EXPOSURE, col("as_of").equalTo(lit(d)).and(col("org_level").notEqual(OrgLevel.SCHOOL.code())));
    riskPrevious = slice(wh, Tables.GOLD_RISK_EXPOSURE, col("as_of").isin(Date.valueOf(date.minusDays(1)), Date.valueOf(date.minusDays(7)))
        .and(col("org_level").notEqual(OrgLevel.SCHOOL.code())));
    coverage = slice(wh, Tables.GOLD_VACCINATION_COVERAGE, col("as_of").equalTo(lit(d)).and(col("org_level").notEqual(OrgLevel.SCHOOL.code())));
    campaigns = slice(wh, Tables.GOLD_CAMPAIGN_PROGRESS, col("as_of").equalTo(lit(d)).and(col("org_level").notEqual(OrgLevel.SCHOOL.code())));
    filesRejected = count(wh, Tables.OPS_INGEST_MANIFEST.id(), versions, col("status").equalTo("rejected"));
    rowsQuarantined = count(wh, Tables.OPS_QUARANTINE.id(), versions, lit(true));
    contradictions = count(wh, Tables.OPS_DATA_QUALITY.id(), versions,
        col("flag").equalTo(QualityFlag.ZERO_REPORT_CONTRADICTION.code()).and(col("business_date").equalTo(lit(d))));
    otherFlags = count(wh, Tables.OPS_DATA_QUALITY.id(), versions, col("flag").notEqual(QualityFlag.ZERO_REPORT_CONTRADICTION.code()));
    supersededAt = supersededAt(wh, d);
  }

  private static java.sql.Timestamp supersededAt(Warehouse wh, Date d) {
    java.sql.Timestamp first = null;
    for (TableSpec t : List.of(Tables.GOLD_VACCINATION_COVERAGE, Tables.GOLD_CAMPAIGN_PROGRESS, Tables.GOLD_RISK_EXPOSURE)) {
      if (!wh.exists(t.id())) continue;
      Dataset<Row> now = wh.read(t.id());
      if (!java.util.Arrays.asList(now.columns()).contains("superseded_at")) continue;
      Row r = now.filter(col("as_of").equalTo(lit(d))).agg(org.apache.spark.sql.functions.min("superseded_at")).first();
      if (!r.isNullAt(0) && (first == null || r.getTimestamp(0).before(first))) first = r.getTimestamp(0);
    }
    return first;
  }

  /** Reads the current versions of every table a briefing uses. */
  public static Map<String, Long> currentVersions(Warehouse wh) {
    Map<String, Long> v = new LinkedHashMap<>();
    for (TableSpec t : Tables.GOLD) v.put(t.id().toString(), wh.version(t.id()));
    for (TableSpec t : List.of(Tables.OPS_INGEST_MANIFEST, Tables.OPS_QUARANTINE, Tables.OPS_DATA_QUALITY)) v.put(t.id().toString(), wh.version(t.id()));
    return v;
  }

  public static BriefingData read(Warehouse wh, LocalDate date, Map<String, Long> versions) {
    for (TableSpec t : Tables.GOLD) {
      if (versions.getOrDefault(t.id().toString(), -1L) < 0) {
        throw new IllegalStateException(t.id() + " does not exist: run jobs/metrics --date " + date + " first");
      }
    }
    return new BriefingData(date, versions, wh);
  }

  private List<Row> slice(Warehouse wh, TableSpec spec, Column filter) {
    Dataset<Row> df = wh.readVersion(spec.id(), versions.get(spec.id().toString())).filter(filter);
    return new ArrayList<>(df.collectAsList());
  }

  private static long count(Warehouse wh, TableId id, Map<String, Long> versions, Column filter) {
    long v = versions.getOrDefault(id.toString(), -1L);
    return v < 0 ? 0 : wh.readVersion(id, v).filter(filter).count();
  }
}
