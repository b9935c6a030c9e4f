package io.epiwatch.catalog;

import io.epiwatch.common.AreaKind;
import io.epiwatch.common.Coded;
import io.epiwatch.common.DeferralReason;
import io.epiwatch.common.EarsLevel;
import io.epiwatch.common.ExposureCategory;
import io.epiwatch.common.FindingCategory;
import io.epiwatch.common.FindingStatus;
import io.epiwatch.common.IncidentPeriod;
import io.epiwatch.common.IncidentType;
import io.epiwatch.common.InspectionMode;
import io.epiwatch.common.InspectionScope;
import io.epiwatch.common.QualityFlag;
import io.epiwatch.common.ReasonCode;
import io.epiwatch.common.ResponseStatus;
import io.epiwatch.common.Severity;
import io.epiwatch.common.SignalType;
import io.epiwatch.common.SymptomGroup;
import io.epiwatch.common.VaccinationStatus;
import io.epiwatch.contract.BronzeSchema;
import io.epiwatch.contract.SourceSpec;
import io.epiwatch.contract.Sources;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every table: names, partitioning, keys, descriptions and column comments (docs/rules.md §5, §6).
 * Bronze tables derive from the source specs ({@code io.epiwatch.contract.Sources}). Every gold
 * table has org_level (school, district, city[, province]), org_code, org_name and parent_code (the
 * district of a school row, the city of a district row); rates are fractions in [0, 1], null when
 * the denominator is 0.
 */
public final class Tables {
  private Tables() {}

  /** "a, b, c": the codes of a vocabulary, for column comments (the dictionary shows them). */
  private static <E extends Enum<E> & Coded> String codes(Class<E> type) {
    return String.join(", ", Coded.codes(type));
  }

  private static String codes(Coded... values) {
    return String.join(", ", Arrays.stream(values).map(Coded::code).toList());
  }

  private static final String ORG =
      "org_level STRING COMMENT 'school, district, city (or province when schools span several cities)', "
          + "org_code STRING COMMENT 'school_code, district code (6 digits) or city code (first four digits of the district + 00)', "
          + "org_name STRING COMMENT 'name of the school, district or city', "
          + "parent_code STRING COMMENT 'the next level up: district of a school, city of a district; null at the top', ";

  /** The last column of every as-of table (late corrections, docs/decisions.md). */
  private static final String SUPERSEDED =
      "superseded_at TIMESTAMP COMMENT 'null = the snapshot still stands as computed; else when a later "
          + "run brought data (a late file or a correction) that may change it. The snapshot is kept as computed, so a briefing of its date "
          + "reproduces it; jobs/metrics --date (its as_of) recomputes it (then null again)'";

  // ---------------------------------------------------------------- silver
  public static final TableSpec SILVER_SCHOOLS =
      TableSpec.of(
          TableId.silver("schools"),
          null,
          List.of("school_code", "valid_from"),
          "Schools as a type-2 dimension: one row per school per period with unchanged attributes. A row is in force on d when valid_from <= d and (valid_to is null or d < valid_to); a school absent from the snapshot in force on d is closed on d.",
          "school_code STRING COMMENT '学校标识码, 10 digits', school_name STRING, school_type STRING COMMENT 'university, vocational, senior_high, junior_high, primary, nine_year, kindergarten, special', "
              + "district_code STRING COMMENT '6-digit division code', district_name STRING, city_code STRING COMMENT 'first four digits of district_code + 00', "
              + "city_name STRING COMMENT 'as the extract gives it (optional column 城市名称); conf policy.city-names wins in gold', township STRING, "
              + "directly_managed BOOLEAN, boarding BOOLEAN, students_enrolled INT, staff_count INT, "
              + "valid_from DATE COMMENT 'as_of of the first snapshot with these attributes', valid_to DATE COMMENT 'exclusive: as_of of the first later snapshot that changed or dropped the school; null = open', "
              + "is_current BOOLEAN COMMENT 'true on the row of the latest snapshot'");

  public static final TableSpec SILVER_ROSTER =
      TableSpec.of(
          TableId.silver("roster"),
          null,
          List.of("person_key", "school_code", "valid_from"),
          "Roster persons per school as a type-2 dimension: a person is active at a school on d when valid_from <= d and (valid_to is null or d < valid_to) and status = active. Leavers keep their rows with valid_to set.",
          "person_key STRING COMMENT 'HMAC-SHA256 of id_type:id_number (restricted.person_identity maps it back)', id_type STRING, school_code STRING, "
              + "person_type STRING COMMENT 'student, staff, contractor', grade STRING, class_name STRING, dormitory STRING COMMENT '宿舍 (boarders); null = none given', birth_date DATE COMMENT 'from the row, else from the resident ID', "
              + "sex STRING COMMENT 'male, female', boarding BOOLEAN, status STRING COMMENT 'active, left', "
              + "valid_from DATE COMMENT 'as_of of the snapshot', valid_to DATE COMMENT 'exclusive end: as_of of the later snapshot of the school that dropped or changed the person', is_current BOOLEAN");

  public static final TableSpec SILVER_DAILY_REPORTS =
      TableSpec.of(
          TableId.silver("daily_reports"),
          "report_date",
          List.of("report_date", "school_code"),
          "Daily reports, latest accepted version per (report_date, school_code); first_submitted_at keeps the first accepted submission for timeliness.",
          "report_date DATE, school_code STRING, submitted_at TIMESTAMP COMMENT 'latest version', first_submitted_at TIMESTAMP COMMENT 'first accepted submission (on time when <= cutoff)', versions INT COMMENT 'accepted submissions seen', "
              + "students_expected INT, students_present INT, students_absent_illness INT, students_absent_other INT, staff_expected INT, staff_absent_illness INT, "
              + "fever_cases INT, suspected_cases INT, confirmed_cases INT, zero_report BOOLEAN, "
              + "zero_report_contradiction BOOLEAN COMMENT 'zero report carrying illness, fever, suspected or confirmed counts > 0', "
              + "source_file STRING, source_line BIGINT");

  public static final TableSpec SILVER_ABSENCE_CASES =
      TableSpec.of(
          TableId.silver("absence_cases"),
          "report_date",
          List.of("report_date", "school_code", "person_key"),
          "Illness-absence line list, latest version per (report_date, school_code, person).",
          "report_date DATE, school_code STRING, person_key STRING, id_type STRING, person_type STRING, grade STRING, class_name STRING, "
              + "dormitory STRING COMMENT '宿舍 as reported on the row; null = none given (dormitory alerts then use the roster''s)', onset_date DATE, "
              + "symptoms ARRAY<STRING> COMMENT 'codes: fever, cough, sore_throat, runny_nose, diarrhea, vomiting, rash, headache, fatigue, parotid_swelling, conjunctival_congestion, abdominal_pain, dizziness, jaundice, other', "
              + "symptom_group STRING COMMENT 'first match wins: "
              + codes(SymptomGroup.class)
              + "', "
              + "diagnosis STRING COMMENT 'influenza, covid19, varicella, hfmd, mumps, norovirus, common_cold, other, unknown', "
              + "visited_doctor BOOLEAN, followed_up BOOLEAN, expected_return DATE, submitted_at TIMESTAMP COMMENT 'latest version', source_file STRING, source_line BIGINT, "
              + "first_submitted_at TIMESTAMP COMMENT 'first accepted submission of the row (an alert''s detected_at counts from it, so a correction never moves it later)'");

  public static final TableSpec SILVER_TRAVEL_RECORDS =
      TableSpec.of(
          TableId.silver("travel_records"),
          null,
          List.of("record_key"),
          "Trips (stays) of students, staff, contractors and household members, latest version per record.",
          "record_key STRING COMMENT 'record_id, else person_key|departure_date|destination_code', record_id STRING, person_key STRING, id_type STRING, "
              + "person_type STRING COMMENT 'student, staff, contractor, household', linked_person_key STRING COMMENT 'household: person_key of the linked student or staff member', "
              + "school_code STRING COMMENT 'as reported', attributed_school_code STRING COMMENT 'school the person counts under: household members under the linked person''s roster school (else school_code)', "
              + "destination_code STRING, destination_name STRING, abroad BOOLEAN, departure_date DATE, return_date DATE COMMENT 'null = still away', "
              + "approved STRING COMMENT 'yes, no, pending', nucleic_test_date DATE, nucleic_test_result STRING COMMENT 'negative, positive, pending', submitted_at TIMESTAMP, source_file STRING, source_line BIGINT");

  public static final TableSpec SILVER_RISK_AREAS =
      TableSpec.of(
          TableId.silver("risk_areas"),
          null,
          List.of("area_code", "effective_from"),
          "Risk-area periods: latest row per (area_code, effective_from); a period ends at effective_to or the day before the next announcement for the area, whichever is earlier (both ends inclusive).",
          "area_code STRING COMMENT '6, 9 or 12 digits', area_name STRING, risk_level STRING COMMENT 'high, medium, low (low = no risk)', effective_from DATE, effective_to DATE COMMENT 'as announced; null = in force', "
              + "period_from DATE COMMENT 'inclusive', period_to DATE COMMENT 'inclusive; null = open', announced_at TIMESTAMP, is_current BOOLEAN COMMENT 'true when period_to is null'");

  public static final TableSpec SILVER_VACCINATIONS =
      TableSpec.of(
          TableId.silver("vaccinations"),
          null,
          List.of("person_key", "dose_number"),
          "Vaccine doses, latest row per (person, dose_number), with the product matched to the product table in conf.",
          "person_key STRING, id_type STRING, school_code STRING, person_type STRING, dose_number INT, vaccination_date DATE, vaccine_product STRING, manufacturer STRING, batch_no STRING, site STRING, "
              + "product STRING COMMENT 'product code from policy.vaccine-products; null = unmatched', series_doses INT COMMENT 'primary series length of this product', min_interval_days INT, "
              + "flags ARRAY<STRING> COMMENT '"
              + codes(
                  QualityFlag.INTERVAL_TOO_SHORT,
                  QualityFlag.MISSING_PRIOR_DOSE,
                  QualityFlag.NOT_ON_ROSTER)
              + "', submitted_at TIMESTAMP, source_file STRING, source_line BIGINT");

  public static final TableSpec SILVER_CONTRAINDICATIONS =
      TableSpec.of(
          TableId.silver("contraindications"),
          null,
          List.of("person_key"),
          "Contraindications, latest per person; valid on D when recorded_at <= D and (valid_until is null or valid_until >= D).",
          "person_key STRING, id_type STRING, school_code STRING, reason STRING, valid_until DATE COMMENT 'null = permanent', recorded_at TIMESTAMP, source_file STRING, source_line BIGINT");

  public static final TableSpec SILVER_SAFETY_INCIDENTS =
      TableSpec.of(
          TableId.silver("safety_incidents"),
          null,
          List.of("incident_id"),
          "Safety incidents (安全事件, docs/rules.md §2, §4.9), latest version per incident_id by submitted_at. Empty until a safety_incidents file arrives (the source is optional).",
          "incident_id STRING, incident_date DATE, school_code STRING COMMENT 'null = an incident of no school (counts at district and city level)', "
              + "district_code STRING COMMENT '6-digit division code, as reported', incident_type STRING COMMENT '"
              + codes(IncidentType.class)
              + "', on_campus BOOLEAN COMMENT 'null = not stated', deaths INT COMMENT '死亡人数', injured INT COMMENT '受伤人数', students_involved INT COMMENT '涉及学生数', "
              + "reported_at TIMESTAMP COMMENT '上报时间', submitted_at TIMESTAMP, source_file STRING, source_line BIGINT");

  public static final TableSpec SILVER_CAMPUS_STAYS =
      TableSpec.of(
          TableId.silver("campus_stays"),
          null,
          List.of("school_code", "person_key", "stay_from"),
          "Students staying on campus during holidays (留校学生台账, docs/rules.md §2.12), latest version per (school_code, person, stay_from) by submitted_at. Empty until a campus_stays file arrives (the source is optional).",
          "school_code STRING, person_key STRING, id_type STRING, grade STRING COMMENT '年级', class_name STRING COMMENT '班级', dormitory STRING COMMENT '宿舍', "
              + "reason STRING COMMENT '留校原因', applied_at TIMESTAMP COMMENT '申请时间', approved STRING COMMENT 'yes, no, pending (学校审批)', approved_by STRING COMMENT '审批人', "
              + "stay_from DATE COMMENT '留校开始日期', stay_to DATE COMMENT 'inclusive; null = open-ended', guardian_contact_ok BOOLEAN COMMENT '已联系监护人 (empty = false)', "
              + "submitted_at TIMESTAMP, source_file STRING, source_line BIGINT");

  public static final TableSpec SILVER_RETURN_BATCHES =
      TableSpec.of(
          TableId.silver("return_batches"),
          null,
          List.of("school_code", "grade", "batch_start_date"),
          "Grades of a school returning on their own date when a term starts in batches (分批返校安排, docs/rules.md §2.14), one row per (school_code, grade, batch_start_date). A row overrides the start date S of the term start whose window holds batch_start_date for that grade's students (§4.11). Empty until a return_batches file arrives (the source is optional).",
          "school_code STRING, grade STRING COMMENT '年级, as the roster spells it', batch_start_date DATE COMMENT '返校日期: S for the grade', "
              + "source_file STRING, source_line BIGINT");

  public static final TableSpec SILVER_ALERT_RESPONSES =
      TableSpec.of(
          TableId.silver("alert_responses"),
          null,
          List.of("alert_id"),
          "Responses to cluster alerts (预警处置), latest per alert_id by submitted_at (docs/rules.md §2.10); applied to gold.cluster_alerts when the alert exists, else quarantined UNKNOWN_ALERT by the metrics stage.",
          "alert_id STRING COMMENT 'gold.cluster_alerts.alert_id (trimmed, lower case)', verified STRING COMMENT 'verified, discarded, pending', "
              + "reported_to_cdc_at TIMESTAMP COMMENT '报告疾控时间', reported_to_bureau_at TIMESTAMP, "
              + "actions ARRAY<STRING> COMMENT 'class_suspension, disinfection, observation, health_education, none', "
              + "suspension_from DATE, suspension_to DATE COMMENT 'inclusive; null = open', closed_at TIMESTAMP, note STRING, submitted_at TIMESTAMP, "
              + "source_file STRING, source_line BIGINT, source_sha256 STRING");

  public static final TableSpec SILVER_INSPECTIONS =
      TableSpec.of(
          TableId.silver("inspections"),
          null,
          List.of("inspection_id"),
          "Inspections (督导检查, docs/rules.md §2.11), latest version per inspection_id by submitted_at. Empty until an inspections file arrives (the source is optional).",
          "inspection_id STRING COMMENT '检查编号', inspection_date DATE, team STRING COMMENT '督导组', mode STRING COMMENT '"
              + codes(InspectionMode.class)
              + "', scope STRING COMMENT '"
              + codes(InspectionScope.class)
              + "', district_code STRING COMMENT '6-digit division code, as reported', school_code STRING COMMENT 'null = a training institution or a district-level check (institution_name names it)', "
              + "institution_name STRING, submitted_at TIMESTAMP, source_file STRING, source_line BIGINT, source_sha256 STRING");

  public static final TableSpec SILVER_FINDINGS =
      TableSpec.of(
          TableId.silver("findings"),
          null,
          List.of("finding_id"),
          "Inspection findings and their rectification (整改台账, docs/rules.md §2.11), latest version per finding_id by submitted_at. A finding whose inspection_id is in no inspection (UNKNOWN_INSPECTION), or whose deadline or rectified_date is before its inspection's date (BAD_DATE), stays here and is quarantined by the metrics stage; gold ignores it.",
          "finding_id STRING COMMENT '问题编号', inspection_id STRING, category STRING COMMENT '"
              + codes(FindingCategory.class)
              + "', severity STRING COMMENT '"
              + codes(Severity.class)
              + "', description STRING, deadline DATE COMMENT '整改期限; null = none set (never overdue)', rectified_date DATE COMMENT '整改完成日期; null = open', verified_by STRING COMMENT '复核人', "
              + "submitted_at TIMESTAMP, source_file STRING, source_line BIGINT, source_sha256 STRING");

  // ---------------------------------------------------------------- gold
  public static final TableSpec GOLD_REPORTING_COMPLIANCE =
      TableSpec.of(
          TableId.gold("reporting_compliance"),
          "report_date",
          List.of("report_date", "org_level", "org_code"),
          "Daily reporting compliance (docs/rules.md §4.1): expected = schools in force that day; on_time = first accepted submission at or before the cutoff.",
          "report_date DATE, "
              + ORG
              + "status STRING COMMENT 'school rows: on_time, late, missing; null above school', first_submitted_at TIMESTAMP COMMENT 'school rows', "
              + "expected BIGINT, reported BIGINT, on_time BIGINT, late BIGINT, missing BIGINT, zero_reports BIGINT COMMENT 'latest version flagged zero report', "
              + "reporting_rate DOUBLE COMMENT 'reported / expected', timeliness_rate DOUBLE COMMENT 'on_time / expected', zero_report_share DOUBLE COMMENT 'zero_reports / reported'");

  public static final TableSpec GOLD_ATTENDANCE =
      TableSpec.of(
          TableId.gold("attendance"),
          "report_date",
          List.of("report_date", "org_level", "org_code"),
          "Attendance and illness absence of the schools that reported (docs/rules.md §4.2); higher levels sum their schools.",
          "report_date DATE, "
              + ORG
              + "schools_reporting BIGINT, students_expected BIGINT, students_present BIGINT, students_absent_illness BIGINT, students_absent_other BIGINT, "
              + "illness_absence_rate DOUBLE COMMENT 'students_absent_illness / students_expected', staff_expected BIGINT, staff_absent_illness BIGINT, "
              + "staff_illness_absence_rate DOUBLE COMMENT 'staff_absent_illness / staff_expected', fever_cases BIGINT, suspected_cases BIGINT, confirmed_cases BIGINT, "
              + "line_list_cases BIGINT COMMENT 'absence line-list rows of the day', followed_up BIGINT COMMENT 'line-list rows with followed_up', "
              + "follow_up_completeness DOUBLE COMMENT 'followed_up / (students_absent_illness + staff_absent_illness)'");

  public static final TableSpec GOLD_ABSENCE_BY_CAUSE =
      TableSpec.of(
          TableId.gold("absence_by_cause"),
          "report_date",
          List.of("report_date", "org_level", "org_code", "cause_type", "cause"),
          "Line-list absences by symptom group and by diagnosis (docs/rules.md §4.3).",
          "report_date DATE, "
              + ORG
              + "cause_type STRING COMMENT 'symptom_group or diagnosis', cause STRING, cases BIGINT COMMENT 'line-list rows (students and staff); a person absent several days counts on each: sum new_cases, not cases, over days', "
              + "students_expected BIGINT COMMENT 'summed students_expected of the unit''s reporting schools', rate_per_1000 DOUBLE COMMENT 'cases per 1,000 expected students', new_cases BIGINT COMMENT 'rows that start an episode (the person''s first row with that onset, onset_date else report_date)'");

  public static final TableSpec GOLD_CLUSTER_ALERTS =
      TableSpec.of(
          TableId.gold("cluster_alerts"),
          "first_detected",
          List.of("alert_id"),
          "Cluster alerts, one row per outbreak (docs/rules.md §4.4, §7): firing days fewer than quiet-gap days apart are one alert.",
          "first_detected DATE, alert_id STRING COMMENT 'stable: hash of rule, unit, group and first_detected', "
              + ORG
              + "rule STRING COMMENT 'the rule name of conf (class_same_day, class_3day, school_disease, class_rate, school_ili_rate, dorm_same_day) or school_ears_c2', school_code STRING, school_name STRING, district_code STRING, "
              + "grade STRING, class_name STRING, dormitory STRING COMMENT 'dormitory rules: the dormitory (the case row''s, else the roster''s); null otherwise', symptom_group STRING, diagnosis STRING, last_detected DATE, "
              + "cases BIGINT COMMENT 'distinct persons with onset in [first_detected - window + 1, last_detected]; EARS: largest absent count on a firing day', "
              + "threshold DOUBLE COMMENT 'persons (measure persons), a fraction (measure rate), a z score (EARS)', window_days INT, "
              + "measure STRING COMMENT 'persons, rate; null for EARS', "
              + "rate DOUBLE COMMENT 'measure rate: the highest persons / denominator of a firing day of the alert; null otherwise', status STRING COMMENT 'active, closed (run date - last_detected >= quiet gap)', "
              + "detected_at TIMESTAMP COMMENT 'when the data first sufficed: the k-th earliest submission among the persons counted on first_detected (k = threshold; measure rate: the fewest persons >= min-persons whose share of first_detected''s denominator reaches the threshold); EARS: the daily report''s first_submitted_at', "
              + "cdc_report_due TIMESTAMP COMMENT 'detected_at + 24 h', "
              + "response_status STRING COMMENT '"
              + codes(ResponseStatus.class)
              + " (from silver.alert_responses; no response = unverified)', "
              + "reported_to_cdc_at TIMESTAMP COMMENT '报告疾控时间 of the response', "
              + "cdc_report_on_time BOOLEAN COMMENT 'reported_to_cdc_at <= cdc_report_due; null when not reported', "
              + "cdc_report_overdue BOOLEAN COMMENT 'not reported, not discarded, and the end of the run date is after cdc_report_due', "
              + "class_suspended BOOLEAN COMMENT 'the response lists class_suspension and its suspension_from .. suspension_to covers the run date'");

  public static final TableSpec GOLD_VACCINATION_COVERAGE =
      TableSpec.of(
          TableId.gold("vaccination_coverage"),
          "as_of",
          List.of("as_of", "org_level", "org_code", "person_type", "age_band"),
          "Vaccination coverage as of a date by person type and age band (docs/rules.md §4.5).",
          "as_of DATE, "
              + ORG
              + "person_type STRING, age_band STRING, roster_persons BIGINT COMMENT 'active roster persons of the band', contraindicated BIGINT COMMENT 'with a contraindication valid on as_of', "
              + "eligible BIGINT COMMENT 'active, aged >= 12, no valid contraindication', dose1 BIGINT, completed BIGINT COMMENT 'primary series done', booster BIGINT, "
              + "dose1_rate DOUBLE, completed_rate DOUBLE, dropout_rate DOUBLE COMMENT '(dose1 - completed) / dose1', "
              + SUPERSEDED);

  public static final TableSpec GOLD_CAMPAIGN_PROGRESS =
      TableSpec.of(
          TableId.gold("campaign_progress"),
          "as_of",
          List.of("as_of", "org_level", "org_code", "campaign_id"),
          "Progress against each dated campaign target (docs/rules.md §3, §4.5, §7).",
          "as_of DATE, "
              + ORG
              + "campaign_id STRING, age_band STRING, dose_number INT, deadline DATE, eligible BIGINT, achieved BIGINT, achieved_rate DOUBLE, target_rate DOUBLE, "
              + "gap_persons BIGINT COMMENT 'max(0, ceil(target_rate x eligible) - achieved)', days_left INT COMMENT 'deadline - as_of (negative after it)', "
              + "lagging BOOLEAN COMMENT 'achieved_rate < lagging-threshold x target_rate', "
              + SUPERSEDED);

  public static final TableSpec GOLD_RISK_EXPOSURE =
      TableSpec.of(
          TableId.gold("risk_exposure"),
          "as_of",
          List.of("as_of", "org_level", "org_code", "person_type", "category", "match_type"),
          "Persons by highest risk-exposure category as of a date (docs/rules.md §4.6, §7); household members count under the linked student's school.",
          "as_of DATE, "
              + ORG
              + "person_type STRING COMMENT 'student, staff, contractor, household', category STRING COMMENT '"
              + codes(ExposureCategory.class)
              + "', "
              + "match_type STRING COMMENT 'direct or possible (same district) for high/medium; null otherwise', persons BIGINT COMMENT 'distinct persons with a trip departed on or before as_of', "
              + "persons_14d BIGINT COMMENT 'any stay ending on or after as_of - 13', away BIGINT, in_monitoring BIGINT, completed BIGINT, "
              + "unapproved BIGINT COMMENT 'any trip not approved (pending counts)', missing_test BIGINT COMMENT 'any returned trip without a test dated on or after its return', "
              + "in_city BIGINT COMMENT 'in_province rows: persons whose trips all stayed within the home city (policy.home-city; 不离市); null on other categories and without a home city', "
              + "out_of_city BIGINT COMMENT 'in_province rows: persons with a trip that left the home city (persons - in_city); null as in_city', "
              + SUPERSEDED);

  public static final TableSpec GOLD_EXPOSURE_BY_AREA =
      TableSpec.of(
          TableId.gold("exposure_by_area"),
          "as_of",
          List.of(
              "as_of",
              "org_level",
              "org_code",
              "area_kind",
              "area_code",
              "match_type",
              "person_type",
              "directly_managed"),
          "Persons who stayed in each risk area and focus area as of a date, by person type and 局直 (docs/rules.md §4.6.1); a person counts once per area and may count under several; the \"all areas\" rows (area_kind null) count distinct persons. Household members count under the linked student's school.",
          "as_of DATE, "
              + ORG
              + "area_kind STRING COMMENT '"
              + codes(AreaKind.class)
              + "; null = all areas (distinct persons)', "
              + "area_code STRING COMMENT 'risk_area: area_code of silver.risk_areas; focus_area: the id of policy.focus-areas; null on the all-areas rows', "
              + "area_name STRING COMMENT 'risk_area: area_name of its latest period; focus_area: the configured name', "
              + "risk_level STRING COMMENT 'risk_area: the highest level (high, medium) among its periods overlapping as_of - 13 .. as_of; null otherwise', "
              + "match_type STRING COMMENT 'risk_area: direct (destination inside the area) when any of the person''s stays is, else possible (area inside the destination); null otherwise', "
              + "person_type STRING COMMENT 'student, staff, contractor, household', "
              + "directly_managed BOOLEAN COMMENT '局直: flag of the attributed school in the snapshot in force on as_of', "
              + "persons BIGINT COMMENT 'distinct persons with a matching stay', "
              + "away BIGINT COMMENT 'a matching stay ongoing on as_of', "
              + "in_monitoring BIGINT COMMENT 'not away; a returned matching stay within its monitoring days (policy.monitoring-days of the trip''s category)', "
              + "tested_after_return BIGINT COMMENT 'every returned matching stay has a test dated on or after its return', "
              + "missing_test BIGINT COMMENT 'a returned matching stay without such a test', "
              + "unapproved BIGINT COMMENT 'a matching stay not approved (pending counts)', "
              + SUPERSEDED);

  public static final TableSpec GOLD_ALERT_CASES =
      TableSpec.of(
          TableId.gold("alert_cases"),
          "first_detected",
          List.of("alert_id", "person_key"),
          "The persons behind each cluster alert's cases (docs/rules.md §4.4): one row per alert and person; per alert, as many rows as its cases. EARS-C2 alerts (absence rates, not persons) have none. Rebuilt with the alerts.",
          "first_detected DATE COMMENT 'of the alert', alert_id STRING COMMENT 'gold.cluster_alerts.alert_id', "
              + ORG
              + "person_key STRING COMMENT 'restricted.person_identity maps it back', school_code STRING, "
              + "grade STRING, class_name STRING, onset_date DATE COMMENT 'earliest onset (else report date) in the alert''s span', "
              + "symptom_group STRING, diagnosis STRING COMMENT 'of the person''s earliest row in the span', first_report_date DATE");

  public static final TableSpec GOLD_CASE_SIGNALS =
      TableSpec.of(
          TableId.gold("case_signals"),
          "signal_date",
          List.of("signal_id"),
          "Case signals, one row per signal (docs/rules.md §4.7): confirmed or suspected cases a school reported, a covid19 episode on the line list, a positive nucleic test of a traveller. Rebuilt from silver on every run (a correction removing the value removes the signal); status as of the latest run date.",
          "signal_date DATE COMMENT 'report date; first covid19 report date of the episode; test date (else return date, else date of submission)', "
              + "signal_id STRING COMMENT 'first 16 hex of sha256(signal_type|school_code|person_key or empty|signal_date)', "
              + "signal_type STRING COMMENT '"
              + codes(SignalType.class)
              + "', "
              + ORG
              + "school_code STRING COMMENT 'household members: the linked student''s school', district_code STRING, "
              + "person_type STRING COMMENT 'null for report signals', person_key STRING COMMENT 'null for report signals (restricted.person_identity maps it back)', "
              + "persons BIGINT COMMENT 'the reported count for report signals, else 1', "
              + "first_seen_at TIMESTAMP COMMENT 'earliest submitted_at among the accepted versions (bronze) carrying the signal', "
              + "status STRING COMMENT 'new (first seen on, or dated, the run date), open (run date - signal_date < 14), past'");

  public static final TableSpec GOLD_CASE_SIGNALS_DAILY =
      TableSpec.of(
          TableId.gold("case_signals_daily"),
          "as_of",
          List.of("as_of", "org_level", "org_code"),
          "Case signals per organisation as of a date (docs/rules.md §4.7): persons of the signals dated that day and in the 14 days up to it, per type; every school in force counts, with zeros.",
          "as_of DATE, "
              + ORG
              + "report_confirmed BIGINT COMMENT 'confirmed cases reported for as_of', report_suspected BIGINT COMMENT 'suspected cases reported for as_of', "
              + "line_list_covid19 BIGINT COMMENT 'covid19 episodes starting on as_of', test_positive BIGINT COMMENT 'persons with a positive test dated as_of', "
              + "report_confirmed_14d BIGINT, report_suspected_14d BIGINT, line_list_covid19_14d BIGINT, test_positive_14d BIGINT COMMENT 'the same over [as_of - 13, as_of]', "
              + "signals_new BIGINT COMMENT 'signals with status new on as_of', "
              + "days_since_last_confirmed INT COMMENT 'as_of - the latest date of a report_confirmed, line_list_covid19 or test_positive signal of the organisation; null = none ever', "
              + SUPERSEDED);

  public static final TableSpec GOLD_VACCINATION_FOLLOWUP =
      TableSpec.of(
          TableId.gold("vaccination_followup"),
          "as_of",
          List.of("as_of", "org_level", "org_code", "person_type", "age_band", "status"),
          "Vaccination follow-up as of a date (docs/rules.md §4.8): persons aged >= the vaccination minimum age by status, first match wins; per unit, person type and age band the six statuses of eligible persons add up to gold.vaccination_coverage.eligible. One row per status for every unit, person type and age band with such a person.",
          "as_of DATE COMMENT 'the run date the snapshot was computed for', "
              + ORG
              + "person_type STRING COMMENT 'student, staff, contractor', age_band STRING COMMENT 'policy.age-bands band of the age on as_of', status STRING COMMENT '"
              + codes(VaccinationStatus.class)
              + " (the first six: eligible persons, first match wins; the last two: a contraindication valid on as_of, expiring = valid_until within as_of + 14 days)', "
              + "persons BIGINT COMMENT 'persons with this status', "
              + "campaign_at_risk BIGINT COMMENT 'of these, eligible persons lacking the dose of a campaign of their band whose deadline is at most policy.vaccination.deadline-warning-days after as_of (or past)', "
              + SUPERSEDED);

  public static final TableSpec GOLD_VACCINATION_FOLLOWUP_PERSONS =
      TableSpec.of(
          TableId.gold("vaccination_followup_persons"),
          "as_of",
          List.of("as_of", "person_key", "school_code"),
          "The persons behind gold.vaccination_followup (docs/rules.md §4.8) that the follow-up list names, as of a date: one row (org_level school: the person's school) per person with a listed status (record_gap, never_vaccinated, overdue, due, contraindication_expiring). The follow-up list's 疫苗接种待跟进人员 reads it.",
          "as_of DATE COMMENT 'the run date the snapshot was computed for', "
              + ORG
              + "person_key STRING COMMENT 'restricted.person_identity maps it back', person_type STRING COMMENT 'student, staff, contractor', "
              + "school_code STRING, age_band STRING COMMENT 'policy.age-bands band of the age on as_of', "
              + "status STRING COMMENT 'record_gap, never_vaccinated, overdue, due or contraindication_expiring (first match wins, as in gold.vaccination_followup)', "
              + "dose_due INT COMMENT 'the dose number an overdue or due person needs next', "
              + "due_date DATE COMMENT 'the date that dose is due; the valid_until of an expiring contraindication; null otherwise', "
              + "days_overdue INT COMMENT 'as_of - due_date, overdue only', "
              + "campaign_at_risk BOOLEAN COMMENT 'lacks the dose of a campaign of the band whose deadline is at most policy.vaccination.deadline-warning-days after as_of (or past)', "
              + SUPERSEDED);

  public static final TableSpec GOLD_SAFETY_INCIDENTS_SUMMARY =
      TableSpec.of(
          TableId.gold("safety_incidents_summary"),
          "as_of",
          List.of("as_of", "org_level", "org_code", "period", "incident_type"),
          "Safety incidents as of a date by period and type (docs/rules.md §4.9): every city and district in force has an incident_type = all row per period (zeros when nothing happened); a school, and a type, has rows only for periods with an incident. An incident without a school counts at district and city level. When the warehouse never received a safety_incidents file the all rows carry null measures: no data, not zero.",
          "as_of DATE, "
              + ORG
              + "period STRING COMMENT '"
              + codes(IncidentPeriod.class)
              + " (ytd = Jan 1 of as_of''s year .. as_of; last_30d = as_of - 29 .. as_of; same_period_last_year = Jan 1 of the year before .. as_of one year earlier, Feb 29 -> Feb 28)', "
              + "period_from DATE, period_to DATE COMMENT 'inclusive', "
              + "incident_type STRING COMMENT '"
              + codes(IncidentType.class)
              + ", or all', "
              + "events BIGINT COMMENT 'incidents dated in the period; null = no safety_incidents data received', death_events BIGINT COMMENT 'incidents with deaths > 0', "
              + "deaths BIGINT, injured BIGINT, students_involved BIGINT, "
              + "report_delay_gt_24h BIGINT COMMENT 'incidents reported more than 24 hours after the end of incident_date (reported_at > incident_date + 2 days 00:00)', "
              + SUPERSEDED);

  public static final TableSpec GOLD_CAMPUS_STAYS =
      TableSpec.of(
          TableId.gold("campus_stays"),
          "as_of",
          List.of("as_of", "org_level", "org_code"),
          "Students staying on campus as of a date (留校学生, docs/rules.md §4.12): every city and district in force has a row (zeros when no one stays); a school has a row only with a stay on campus or pending. When the warehouse never received a campus_stays file the rows carry null measures: no data, not zero.",
          "as_of DATE, "
              + ORG
              + "on_campus BIGINT COMMENT 'students with an approved (yes) stay with stay_from <= as_of and (stay_to null or stay_to >= as_of); null = no campus_stays data received', "
              + "pending BIGINT COMMENT 'stays awaiting approval (pending) covering as_of or starting after it', "
              + "no_guardian_contact BIGINT COMMENT 'of on_campus: guardian_contact_ok false', "
              + "ill_or_signal BIGINT COMMENT 'of on_campus: an illness absence of the student dated as_of in silver.absence_cases, or a case signal of the student dated as_of in gold.case_signals', "
              + SUPERSEDED);

  public static final TableSpec GOLD_DISTRICT_EARS =
      TableSpec.of(
          TableId.gold("district_ears"),
          "report_date",
          List.of("report_date", "district_code", "symptom_group"),
          "District EARS-C2 (docs/rules.md §4.4.2): per day, district and symptom group, the line-list rate per 1,000 expected students against the rates of days t-9..t-3 (policy.cluster.district-ears), with the levels warning and alert. Only days whose daily reports expect students have rows, every symptom group on them. Rebuilt with the alerts, for every day up to the run date.",
          "report_date DATE COMMENT 't', "
              + ORG
              + "district_code STRING COMMENT 'of the school in force on t (= org_code; org_level district)', district_name STRING, symptom_group STRING COMMENT '"
              + codes(SymptomGroup.class)
              + "', cases BIGINT COMMENT 'line-list rows of report_date t of the district''s schools (students and staff), as gold.absence_by_cause.cases', "
              + "students_expected BIGINT COMMENT 'summed students_expected of the district''s daily reports of t (> 0)', "
              + "rate_per_1000 DOUBLE COMMENT 'x = cases per 1,000 students_expected', "
              + "baseline_days INT COMMENT 'days t-baseline-from..t-baseline-to with a row', "
              + "baseline_mean DOUBLE COMMENT 'mean rate_per_1000 of those days; null when fewer than min-baseline-days', "
              + "baseline_sd DOUBLE COMMENT 'their sample standard deviation; null when fewer than min-baseline-days', "
              + "z DOUBLE COMMENT '(x - baseline_mean) / max(baseline_sd, sd-floor); null when fewer than min-baseline-days', "
              + "level STRING COMMENT '"
              + codes(EarsLevel.class)
              + ": alert when z > alert, warning when z > warning; null otherwise'");

  public static final TableSpec GOLD_INSPECTION_SUMMARY =
      TableSpec.of(
          TableId.gold("inspection_summary"),
          "as_of",
          List.of("as_of", "org_level", "org_code", "scope", "category"),
          "Inspections and rectification as of a date (docs/rules.md §4.10) per organisation and scope (and all scopes); category null = all categories, else the findings measures of one category (inspection measures null). Every city and district in force has a category-null row per scope; schools have rows only with an inspection or finding. An inspection without a school counts at district and city level, never in the coverage of schools. When the warehouse never received an inspections file the rows carry null measures: no data, not zero.",
          "as_of DATE, "
              + ORG
              + "scope STRING COMMENT '"
              + codes(InspectionScope.class)
              + ", or all', category STRING COMMENT 'null = all categories; else one of "
              + codes(FindingCategory.class)
              + "', "
              + "schools_active BIGINT COMMENT 'schools in force on as_of (null in scope training_institution: not a school measure)', "
              + "schools_inspected_30d BIGINT COMMENT 'distinct of these schools with an inspection of the scope dated as_of - 29 .. as_of (a school inspected twice counts once)', "
              + "inspection_coverage_30d DOUBLE COMMENT 'schools_inspected_30d / schools_active', "
              + "inspections_30d BIGINT COMMENT 'inspections dated as_of - 29 .. as_of, training institutions and district-level checks included', "
              + "unannounced_30d BIGINT COMMENT 'of these, mode = unannounced (暗访)', "
              + "unannounced_share_30d DOUBLE COMMENT 'unannounced_30d / inspections_30d', "
              + "findings_new_7d BIGINT COMMENT 'findings of inspections dated as_of - 6 .. as_of', "
              + "findings_open BIGINT COMMENT 'findings of inspections dated <= as_of with rectified_date null or > as_of', "
              + "findings_overdue BIGINT COMMENT 'open findings with deadline < as_of', "
              + "days_overdue BIGINT COMMENT 'sum over the overdue findings of as_of - deadline (a finding due yesterday: 1); the largest single delay is in gold.rectification_ledger', "
              + "findings_due BIGINT COMMENT 'findings with deadline <= as_of (the denominator of the on-time rate)', "
              + "rectified_on_time BIGINT COMMENT 'of these, rectified_date <= deadline', "
              + "rectified_on_time_rate DOUBLE COMMENT 'rectified_on_time / findings_due', "
              + SUPERSEDED);

  public static final TableSpec GOLD_RECTIFICATION_LEDGER =
      TableSpec.of(
          TableId.gold("rectification_ledger"),
          "as_of",
          List.of("as_of", "finding_id"),
          "整改台账 as of a date (docs/rules.md §4.10): every finding of an inspection dated <= as_of that is open on as_of or was rectified in as_of - 29 .. as_of, with its inspection, school or institution and status; the briefing names the overdue high-severity ones and the rectification workbook lists the open ones. Findings quarantined UNKNOWN_INSPECTION or BAD_DATE are not here.",
          "as_of DATE, "
              + "org_level STRING COMMENT 'school when the finding is of a school in force on as_of, else district', "
              + "org_code STRING COMMENT 'school_code, or the district code', org_name STRING COMMENT 'the school''s name, or the institution''s (else the district''s)', "
              + "parent_code STRING COMMENT 'the district of a school, the city of a district', "
              + "finding_id STRING, inspection_id STRING, inspection_date DATE, mode STRING COMMENT '"
              + codes(InspectionMode.class)
              + "', scope STRING, team STRING, district_code STRING COMMENT 'of the school in force on as_of, else as the inspection reports it', district_name STRING, "
              + "school_code STRING COMMENT 'null = a training institution or district-level check', school_name STRING COMMENT 'the school''s name, else institution_name', "
              + "category STRING, severity STRING COMMENT '"
              + codes(Severity.class)
              + "', description STRING, deadline DATE, rectified_date DATE, verified_by STRING, "
              + "status STRING COMMENT '"
              + codes(FindingStatus.class)
              + " (open: rectified_date null or > as_of and not overdue; overdue: open and deadline < as_of; rectified_on_time: rectified_date <= deadline, or no deadline)', "
              + "days_overdue INT COMMENT 'as_of - deadline when overdue, else null', "
              + SUPERSEDED);

  public static final TableSpec GOLD_RETURN_DEFERRALS =
      TableSpec.of(
          TableId.gold("return_deferrals"),
          "as_of",
          List.of(
              "as_of", "term_id", "term_start", "org_level", "org_code", "person_type", "reason"),
          "Term-start deferred return (暂缓返校, docs/rules.md §4.11) as of a date: for every policy.term-starts entry whose window [S - lookback-days, S + days-after] holds as_of, the active roster persons of its schools kept from returning, per unit, person type and reason (every reason that applies counts), plus one row of reason all per unit and person type with deferred, roster and expected_returning (every school of the term start has it, also with nobody deferred). A grade returning in a batch (silver.return_batches) is evaluated against its batch date, on that date's own window, in rows of their own term_start. No rows outside every window.",
          "as_of DATE COMMENT 'the run date the snapshot was computed for', "
              + "term_id STRING COMMENT 'policy.term-starts id', term_start DATE COMMENT 'S, the term start (first school day); a batch date of return_batches for the students of its grade', "
              + ORG
              + "person_type STRING COMMENT 'student, staff, contractor', "
              + "reason STRING COMMENT '"
              + codes(DeferralReason.class)
              + ", or all (risk_area_review is listed, not deferred; school_in_risk_area counts every person of a school whose district lies in a high or medium area on as_of)', "
              + "persons BIGINT COMMENT 'distinct persons with the reason (reason all: = deferred)', "
              + "schools BIGINT COMMENT 'schools with at least one such person (for school_in_risk_area: the schools that may not open; reason all: schools with someone deferred)', "
              + "deferred BIGINT COMMENT 'reason all only: distinct persons with a reason other than risk_area_review', "
              + "roster BIGINT COMMENT 'reason all only: active roster persons of the term start''s schools on as_of', "
              + "expected_returning BIGINT COMMENT 'reason all only: roster - deferred', "
              + SUPERSEDED);

  public static final TableSpec GOLD_RETURN_DEFERRAL_PERSONS =
      TableSpec.of(
          TableId.gold("return_deferral_persons"),
          "as_of",
          List.of("as_of", "term_id", "term_start", "person_key", "school_code", "reason"),
          "The persons behind gold.return_deferrals (docs/rules.md §4.11) as of a date: one row (org_level school: the person's school) per term start in force on as_of, start date, roster person and reason that applies (school_in_risk_area: every active person of the school), with until, the earliest day the reason allows a return. The follow-up list's 暂缓返校人员 reads it. No rows outside every window.",
          "as_of DATE COMMENT 'the run date the snapshot was computed for', "
              + "term_id STRING COMMENT 'policy.term-starts id', term_start DATE COMMENT 'S, or the batch date of the person''s grade (return_batches)', "
              + ORG
              + "person_key STRING COMMENT 'restricted.person_identity maps it back', person_type STRING COMMENT 'student, staff, contractor', "
              + "school_code STRING, grade STRING, class_name STRING, "
              + "reason STRING COMMENT '"
              + codes(DeferralReason.class)
              + "', "
              + "until DATE COMMENT 'the earliest day this reason allows a return (return + monitoring days, the return of a still-away trip, onset + lookback); null = unknown (a trip without a return date) or not dated (school_in_risk_area, risk_area_review)', "
              + SUPERSEDED);

  // ---------------------------------------------------------------- ops
  public static final TableSpec OPS_DATA_QUALITY =
      TableSpec.of(
          TableId.ops("data_quality"),
          null,
          List.of("flag", "source", "record_key"),
          "Data-quality flags (docs/rules.md §1, §2, §4): loaded rows that are suspicious but not invalid.",
          "flag STRING COMMENT '"
              + codes(QualityFlag.class)
              + ", ...', source STRING, record_key STRING COMMENT 'natural key of the flagged row', "
              + "business_date DATE, school_code STRING, detail STRING, source_file STRING, source_line BIGINT, detected_at TIMESTAMP");

  public static final TableSpec OPS_INGEST_MANIFEST =
      TableSpec.of(
          TableId.ops("ingest_manifest"),
          null,
          List.of("sha256"),
          "One row per inbox file taken in (docs/rules.md §5): loaded files satisfy rows_in = rows_loaded + rows_quarantined; rejected files loaded nothing. A file whose SHA-256 is here is skipped on later runs.",
          "source STRING, file STRING COMMENT 'path of the file in the inbox', sha256 STRING, encoding STRING COMMENT 'UTF-8, UTF-8-BOM, GB18030 or xlsx', "
              + "status STRING COMMENT 'loaded, rejected (empty, binary, undecodable in the configured encoding, unreadable CSV or XLSX, missing required columns: nothing of it loaded)', rows_in BIGINT, rows_loaded BIGINT, rows_quarantined BIGINT, "
              + "message STRING COMMENT 'why a file was rejected (file:line: reason); warnings (unknown columns, a name that does not fit the content)', "
              + "ingest_batch_id STRING, ingested_at TIMESTAMP, run_date DATE");

  public static final TableSpec OPS_QUARANTINE =
      TableSpec.of(
          TableId.ops("quarantine"),
          null,
          List.of("source_sha256", "source_line"),
          "Rows that failed validation, with every reason that applies (docs/rules.md §1). Identity cells of raw_line are masked; the inbox file keeps the original at source_file:source_line.",
          "source STRING, source_file STRING, source_line BIGINT, source_sha256 STRING, reasons ARRAY<STRING> COMMENT 'reason codes: "
              + codes(ReasonCode.class)
              + "', "
              + "details ARRAY<STRING> COMMENT 'one message per reason naming the column and the value', raw_line STRING COMMENT 'the row as read, ID and name masked (cut after 10,000 characters)', "
              + "ingest_batch_id STRING, quarantined_at TIMESTAMP");

  public static final TableSpec OPS_JOB_RUNS =
      TableSpec.of(
          TableId.ops("job_runs"),
          null,
          List.of("run_id", "stage"),
          "One row per job stage run: status, timing, counts, Delta versions read and written.",
          "run_id STRING COMMENT 'one id per job run; stages of a run-daily share it', job STRING COMMENT 'run-daily, ingest, transform, metrics, brief, ...', "
              + "stage STRING, run_date DATE, status STRING COMMENT 'succeeded, failed', started_at TIMESTAMP, finished_at TIMESTAMP, duration_ms BIGINT, "
              + "row_counts MAP<STRING, BIGINT> COMMENT 'e.g. rows_in, rows_loaded, rows_quarantined', tables_read MAP<STRING, BIGINT> COMMENT 'table -> Delta version read', "
              + "tables_written MAP<STRING, BIGINT> COMMENT 'table -> Delta version written', outputs ARRAY<STRING> COMMENT 'files written (briefings)', "
              + "options MAP<STRING, STRING> COMMENT 'scope, lang, ...', error STRING, user STRING, host STRING");

  public static final TableSpec OPS_JOB_STEPS =
      TableSpec.of(
          TableId.ops("job_steps"),
          null,
          List.of("run_id", "stage", "step"),
          "What each step of a job stage cost (a table computed and written, a frame kept, a source loaded, a briefing rendered): wall time and the Spark jobs, tasks, bytes read and shuffled of its queries; written with the stage's ops.job_runs row (docs/operations.md, explaining a slow run).",
          "run_id STRING COMMENT 'ops.job_runs.run_id', stage STRING COMMENT 'ops.job_runs.stage', "
              + "step STRING COMMENT 'e.g. gold.cluster_alerts, kept: attendance, bronze.roster, briefing; (outside named steps) sums the Spark jobs run between them', "
              + "seq INT COMMENT 'order in which the steps started within the stage', started_at TIMESTAMP, "
              + "duration_ms BIGINT COMMENT 'wall time of the step (null for the outside row)', spark_jobs BIGINT, tasks BIGINT, "
              + "input_bytes BIGINT COMMENT 'bytes read from files (Delta, Parquet, the inbox) by its tasks', input_records BIGINT, "
              + "shuffle_read_bytes BIGINT, shuffle_write_bytes BIGINT, executor_run_ms BIGINT COMMENT 'task run time summed over the executor threads'");

  public static final TableSpec OPS_WATERMARKS =
      TableSpec.of(
          TableId.ops("watermarks"),
          null,
          List.of("consumer", "table_name"),
          "Input table versions each stage last built from.",
          "consumer STRING COMMENT 'stage that read the table', table_name STRING, version BIGINT COMMENT 'Delta version last consumed', updated_at TIMESTAMP");

  public static final TableSpec RESTRICTED_PERSON_IDENTITY =
      TableSpec.of(
          new TableId("restricted", "person_identity"),
          null,
          List.of("person_key"),
          "The only table with raw identity numbers and names (docs/rules.md §1, §1.8); every other table carries person_key.",
          "person_key STRING COMMENT 'hex HMAC-SHA256(secret, id_type:upper(id_number))', id_type STRING, id_number STRING, name STRING, "
              + "birth_date DATE COMMENT 'from the resident ID', sex STRING COMMENT 'from the resident ID', first_seen_source STRING, updated_at TIMESTAMP");

  // ---------------------------------------------------------------- bronze
  /**
   * bronze.&lt;source&gt;: the accepted rows of a source's files, schema from {@link BronzeSchema};
   * the change data feed tells the silver stage which keys a batch touched.
   */
  public static TableSpec bronze(SourceSpec s) {
    return new TableSpec(
        TableId.bronze(s.name()),
        null,
        List.of(BronzeSchema.SOURCE_SHA256, BronzeSchema.SOURCE_LINE),
        "Accepted rows of "
            + s.chineseName()
            + " ("
            + s.name()
            + ") files as ingested, every version kept; natural key "
            + s.naturalKey()
            + ".",
        BronzeSchema.of(s),
        Map.of("delta.enableChangeDataFeed", "true"));
  }

  public static final List<TableSpec> BRONZE = Sources.ALL.stream().map(Tables::bronze).toList();
  public static final List<TableSpec> SILVER =
      List.of(
          SILVER_SCHOOLS,
          SILVER_ROSTER,
          SILVER_DAILY_REPORTS,
          SILVER_ABSENCE_CASES,
          SILVER_TRAVEL_RECORDS,
          SILVER_RISK_AREAS,
          SILVER_VACCINATIONS,
          SILVER_CONTRAINDICATIONS,
          SILVER_SAFETY_INCIDENTS,
          SILVER_ALERT_RESPONSES,
          SILVER_INSPECTIONS,
          SILVER_FINDINGS,
          SILVER_CAMPUS_STAYS,
          SILVER_RETURN_BATCHES);

  /**
   * The gold tables of the contract's metrics, and the district EARS-C2, which jobs/bench
   * recomputes with DuckDB and compares row by row.
   */
  public static final List<TableSpec> GOLD_METRICS =
      List.of(
          GOLD_REPORTING_COMPLIANCE,
          GOLD_ATTENDANCE,
          GOLD_ABSENCE_BY_CAUSE,
          GOLD_CLUSTER_ALERTS,
          GOLD_VACCINATION_COVERAGE,
          GOLD_CAMPAIGN_PROGRESS,
          GOLD_RISK_EXPOSURE,
          GOLD_EXPOSURE_BY_AREA,
          GOLD_VACCINATION_FOLLOWUP,
          GOLD_DISTRICT_EARS);

  /** Every gold table: the metrics, then what the product added (docs/rules.md §4.7 ...). */
  public static final List<TableSpec> GOLD =
      Stream.concat(
              GOLD_METRICS.stream(),
              Stream.of(
                  GOLD_ALERT_CASES,
                  GOLD_CASE_SIGNALS,
                  GOLD_CASE_SIGNALS_DAILY,
                  GOLD_SAFETY_INCIDENTS_SUMMARY,
                  GOLD_INSPECTION_SUMMARY,
                  GOLD_RECTIFICATION_LEDGER,
                  GOLD_RETURN_DEFERRALS,
                  GOLD_RETURN_DEFERRAL_PERSONS,
                  GOLD_CAMPUS_STAYS,
                  GOLD_VACCINATION_FOLLOWUP_PERSONS))
          .toList();

  public static final List<TableSpec> OPS =
      List.of(
          OPS_INGEST_MANIFEST,
          OPS_QUARANTINE,
          OPS_DATA_QUALITY,
          OPS_JOB_RUNS,
          OPS_JOB_STEPS,
          OPS_WATERMARKS);

  public static final Map<TableId, TableSpec> BY_ID =
      Stream.of(BRONZE, SILVER, GOLD, OPS, List.of(RESTRICTED_PERSON_IDENTITY))
          .flatMap(List::stream)
          .collect(Collectors.toUnmodifiableMap(TableSpec::id, Function.identity()));
}
