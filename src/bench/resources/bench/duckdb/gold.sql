-- The gold metrics of docs/rules.md §4 in DuckDB SQL: the benchmark's peer of the Spark
-- implementation in io.epiwatch.gold (DailyMetrics, ClusterAlerts, DistrictEars, Vaccination,
-- RiskExposure, OrgRollup), rule for rule. bench/DuckDbPeer runs it block by block, timing each metric, and
-- compares the tables it creates with ours.
--
-- Inputs (and nothing else, so other SQL may produce them later):
--   silver_schools, silver_roster, silver_daily_reports, silver_absence_cases,
--   silver_travel_records, silver_risk_areas, silver_vaccinations, silver_contraindications:
--     the columns of Tables.SILVER_*; TIMESTAMP columns are local wall-clock time of the
--     configured zone (the reporting cutoff is a local time).
--   policy tables built from conf (config/Policy):
--     policy_reporting_cutoff(from_date DATE, cutoff_time TIME)
--     policy_settings(home_province, vaccination_min_age, lagging_threshold,
--                     exposure_window_days, quiet_gap_days)          -- one row
--     policy_city_names(city_code, city_name)
--     policy_home_city(home_city, in_city_monitoring_days)            -- one row; home_city NULL = no split
--     policy_focus_areas(area_code, area_name, prefix, since, window_days, from_date, to_date)
--                                                                      -- one row per match prefix
--     policy_age_bands(band_order, band, min_age, max_age)             -- max_age NULL = open
--     policy_campaigns(campaign_id, age_band, dose_number, deadline, target_rate)
--     policy_monitoring_days(category, days)
--     policy_cluster_rules(rule_no, rule, scope, window_days, threshold, symptom_group, diagnosis,
--                          per_symptom_group, valid_from, valid_to, measure, min_persons)
--     policy_ears_c2(enabled, baseline_from, baseline_to, min_baseline_days, sd_floor, threshold)
--     policy_district_ears(enabled, baseline_from, baseline_to, min_baseline_days, sd_floor,
--                          warning, alert, min_cases)
--     policy_vaccination(grace_days, deadline_warning_days)             -- one row
--     (policy_vaccine_products is created too; gold needs only silver's series_doses.)
-- Parameter: ${run_date} (yyyy-MM-dd), substituted by the runner.
-- Output: tables gold_<name> with the columns of Tables.GOLD_<NAME>; the daily tables (and
-- district_ears) for every report date up to the run date, the as-of tables for as_of = run date.
--
-- Each block starts with a marker line '-- @metric <name>' (or '-- @setup'); statements end
-- with ';' at the end of a line.

-- @setup
-- Org roll-up (OrgRollup): one school row becomes a row per level. The school level keeps the
-- school name; a district is named after any of its schools' district names (else its code);
-- a city after policy_city_names (else its code); a province after its code. Province rows
-- exist, and cities have a parent, only when the rows span several cities.
CREATE OR REPLACE MACRO org_levels(school_code, school_name, district_code, district_name, city_code) AS [
  {org_level: 'school', org_code: school_code, org_name: school_name, parent_code: district_code, district_name: NULL::VARCHAR},
  {org_level: 'district', org_code: district_code, org_name: NULL::VARCHAR, parent_code: city_code, district_name: district_name},
  {org_level: 'city', org_code: city_code, org_name: NULL::VARCHAR, parent_code: substr(city_code, 1, 2) || '0000', district_name: NULL::VARCHAR},
  {org_level: 'province', org_code: substr(city_code, 1, 2) || '0000', org_name: NULL::VARCHAR, parent_code: NULL::VARCHAR, district_name: NULL::VARCHAR}];

CREATE OR REPLACE MACRO org_display_name(org_level, org_code, org_name, district_name, city_name) AS
  CASE org_level WHEN 'district' THEN coalesce(district_name, org_code)
                 WHEN 'city' THEN coalesce(city_name, org_code)
                 WHEN 'province' THEN org_code
                 ELSE org_name END;

CREATE OR REPLACE MACRO org_parent(org_level, parent_code, several_cities) AS
  CASE WHEN org_level = 'city' AND NOT several_cities THEN NULL ELSE parent_code END;

-- A fraction, NULL when the denominator is not positive (OrgRollup.rate).
CREATE OR REPLACE MACRO rate(num, den) AS CASE WHEN den > 0 THEN num::DOUBLE / den ELSE NULL END;

-- Spark's floor(months_between(d, birth) / 12): whole months, plus (day difference) / 31 unless
-- the days of month agree or both are month ends.
CREATE OR REPLACE MACRO age_on(d, birth) AS floor((
    (year(d) - year(birth)) * 12 + month(d) - month(birth)
    + CASE WHEN day(d) = day(birth) OR (d = last_day(d) AND birth = last_day(birth)) THEN 0
           ELSE (day(d) - day(birth)) / 31.0::DOUBLE END) / 12)::INTEGER;

-- Schools in force on a date (docs/rules.md §7): valid_from <= d < valid_to.
CREATE OR REPLACE MACRO in_force(valid_from, valid_to, d) AS valid_from <= d AND (valid_to IS NULL OR d < valid_to);

CREATE OR REPLACE TEMP TABLE reports AS
  SELECT * FROM silver_daily_reports WHERE report_date <= DATE '${run_date}';

-- The line list with each row's dormitory resolved for the dormitory rules (docs/rules.md §4.4):
-- the row's own, else that of the person's roster row at the school in force on the report date.
CREATE OR REPLACE TEMP TABLE cases AS
  SELECT c.* REPLACE (coalesce(c.dormitory, (
    SELECT any_value(r.dormitory) FROM silver_roster r
    WHERE r.person_key = c.person_key AND r.school_code = c.school_code AND r.dormitory IS NOT NULL
      AND in_force(r.valid_from, r.valid_to, c.report_date))) AS dormitory)
  FROM silver_absence_cases c WHERE c.report_date <= DATE '${run_date}';

-- @metric reporting_compliance
-- docs/rules.md §4.1, §7: every calendar day from the first report date to the run date; expected =
-- schools in force that day; on time = first accepted submission at or before the cutoff in
-- force (the earliest entry also before its own date).
CREATE OR REPLACE TEMP TABLE compliance_school AS
WITH first AS (
  SELECT min(report_date) AS first_day FROM reports
), days AS (
  SELECT f.first_day + u.k::INTEGER AS report_date
  FROM first f, unnest(range(0, date_diff('day', f.first_day, DATE '${run_date}') + 1)) AS u(k)
  WHERE f.first_day IS NOT NULL
), expected AS (
  SELECT d.report_date, s.school_code, s.school_name, s.district_code, s.district_name, s.city_code
  FROM days d JOIN silver_schools s ON in_force(s.valid_from, s.valid_to, d.report_date)
), cutoffs AS (
  SELECT from_date, lead(from_date) OVER (ORDER BY from_date) AS to_date, cutoff_time,
         row_number() OVER (ORDER BY from_date) = 1 AS earliest
  FROM policy_reporting_cutoff
)
SELECT e.*, r.first_submitted_at,
  CASE WHEN r.report_date IS NULL THEN 'missing'
       WHEN r.first_submitted_at <= e.report_date + c.cutoff_time THEN 'on_time'
       ELSE 'late' END AS status,
  1 AS expected,
  CASE WHEN r.report_date IS NOT NULL THEN 1 ELSE 0 END AS reported,
  CASE WHEN coalesce(r.zero_report, false) THEN 1 ELSE 0 END AS zero_reports
FROM expected e
LEFT JOIN reports r ON r.report_date = e.report_date AND r.school_code = e.school_code
JOIN cutoffs c ON (e.report_date >= c.from_date OR c.earliest) AND (c.to_date IS NULL OR e.report_date < c.to_date);

CREATE OR REPLACE TABLE gold_reporting_compliance AS
WITH levels AS (
  SELECT *, unnest(org_levels(school_code, school_name, district_code, district_name, city_code)) AS o FROM compliance_school
), rolled AS (
  SELECT report_date, o.org_level, o.org_code, o.org_name, o.parent_code, any_value(o.district_name) AS district_name,
    sum(expected)::BIGINT AS expected, sum(reported)::BIGINT AS reported,
    sum(CASE WHEN status = 'on_time' THEN 1 ELSE 0 END)::BIGINT AS on_time,
    sum(CASE WHEN status = 'late' THEN 1 ELSE 0 END)::BIGINT AS late,
    sum(CASE WHEN status = 'missing' THEN 1 ELSE 0 END)::BIGINT AS missing,
    sum(zero_reports)::BIGINT AS zero_reports
  FROM levels GROUP BY ALL
), cities AS (
  SELECT count(*) > 1 AS several FROM (SELECT DISTINCT city_code FROM compliance_school)
)
SELECT r.report_date, r.org_level, r.org_code, org_display_name(r.org_level, r.org_code, r.org_name, r.district_name, n.city_name) AS org_name,
  org_parent(r.org_level, r.parent_code, cities.several) AS parent_code,
  s.status, s.first_submitted_at, r.expected, r.reported, r.on_time, r.late, r.missing, r.zero_reports,
  rate(r.reported, r.expected) AS reporting_rate, rate(r.on_time, r.expected) AS timeliness_rate,
  rate(r.zero_reports, r.reported) AS zero_report_share
FROM rolled r CROSS JOIN cities
LEFT JOIN policy_city_names n ON r.org_level = 'city' AND n.city_code = r.org_code
LEFT JOIN compliance_school s ON r.org_level = 'school' AND s.report_date = r.report_date AND s.school_code = r.org_code
WHERE r.org_level <> 'province' OR cities.several;

-- @metric attendance
-- docs/rules.md §4.2, §7: schools that reported (in force that day), their line list; higher levels sum.
CREATE OR REPLACE TEMP TABLE attendance_school AS
WITH listed AS (
  SELECT report_date, school_code, count(*) AS line_list_cases,
    sum(CASE WHEN coalesce(followed_up, false) THEN 1 ELSE 0 END) AS followed_up
  FROM cases GROUP BY ALL
)
SELECT r.report_date, s.school_code, s.school_name, s.district_code, s.district_name, s.city_code,
  1 AS schools_reporting,
  coalesce(r.students_expected, 0) AS students_expected, coalesce(r.students_present, 0) AS students_present,
  coalesce(r.students_absent_illness, 0) AS students_absent_illness, coalesce(r.students_absent_other, 0) AS students_absent_other,
  coalesce(r.staff_expected, 0) AS staff_expected, coalesce(r.staff_absent_illness, 0) AS staff_absent_illness,
  coalesce(r.fever_cases, 0) AS fever_cases, coalesce(r.suspected_cases, 0) AS suspected_cases,
  coalesce(r.confirmed_cases, 0) AS confirmed_cases,
  coalesce(l.line_list_cases, 0) AS line_list_cases, coalesce(l.followed_up, 0) AS followed_up
FROM reports r
JOIN silver_schools s ON s.school_code = r.school_code AND in_force(s.valid_from, s.valid_to, r.report_date)
LEFT JOIN listed l ON l.report_date = r.report_date AND l.school_code = r.school_code;

CREATE OR REPLACE TABLE gold_attendance AS
WITH levels AS (
  SELECT *, unnest(org_levels(school_code, school_name, district_code, district_name, city_code)) AS o FROM attendance_school
), rolled AS (
  SELECT report_date, o.org_level, o.org_code, o.org_name, o.parent_code, any_value(o.district_name) AS district_name,
    sum(schools_reporting)::BIGINT AS schools_reporting, sum(students_expected)::BIGINT AS students_expected,
    sum(students_present)::BIGINT AS students_present, sum(students_absent_illness)::BIGINT AS students_absent_illness,
    sum(students_absent_other)::BIGINT AS students_absent_other, sum(staff_expected)::BIGINT AS staff_expected,
    sum(staff_absent_illness)::BIGINT AS staff_absent_illness, sum(fever_cases)::BIGINT AS fever_cases,
    sum(suspected_cases)::BIGINT AS suspected_cases, sum(confirmed_cases)::BIGINT AS confirmed_cases,
    sum(line_list_cases)::BIGINT AS line_list_cases, sum(followed_up)::BIGINT AS followed_up
  FROM levels GROUP BY ALL
), cities AS (
  SELECT count(*) > 1 AS several FROM (SELECT DISTINCT city_code FROM attendance_school)
)
SELECT r.report_date, r.org_level, r.org_code, org_display_name(r.org_level, r.org_code, r.org_name, r.district_name, n.city_name) AS org_name,
  org_parent(r.org_level, r.parent_code, cities.several) AS parent_code,
  r.schools_reporting, r.students_expected, r.students_present, r.students_absent_illness, r.students_absent_other,
  rate(r.students_absent_illness, r.students_expected) AS illness_absence_rate,
  r.staff_expected, r.staff_absent_illness, rate(r.staff_absent_illness, r.staff_expected) AS staff_illness_absence_rate,
  r.fever_cases, r.suspected_cases, r.confirmed_cases, r.line_list_cases, r.followed_up,
  rate(r.followed_up, r.students_absent_illness + r.staff_absent_illness) AS follow_up_completeness
FROM rolled r CROSS JOIN cities
LEFT JOIN policy_city_names n ON r.org_level = 'city' AND n.city_code = r.org_code
WHERE r.org_level <> 'province' OR cities.several;

-- @metric absence_by_cause
-- docs/rules.md §4.3, §7: line-list rows by symptom group and by diagnosis (unknown when empty); the
-- rate per 1,000 uses the unit's students_expected from gold_attendance.
CREATE OR REPLACE TEMP TABLE cause_school AS
WITH marked AS (
  -- an episode: a person's rows with the same onset (else report date); its first row starts it
  SELECT *, CASE WHEN report_date = min(report_date) OVER (PARTITION BY person_key, coalesce(onset_date, report_date))
                 THEN 1 ELSE 0 END AS new_case
  FROM cases
), causes AS (
  SELECT report_date, school_code, 'symptom_group' AS cause_type, symptom_group AS cause, new_case FROM marked
  UNION ALL
  SELECT report_date, school_code, 'diagnosis' AS cause_type, coalesce(diagnosis, 'unknown') AS cause, new_case FROM marked
)
SELECT c.report_date, c.cause_type, c.cause, s.school_code, s.school_name, s.district_code, s.district_name, s.city_code, 1 AS cases,
  c.new_case AS new_cases
FROM causes c
JOIN silver_schools s ON s.school_code = c.school_code AND in_force(s.valid_from, s.valid_to, c.report_date);

CREATE OR REPLACE TABLE gold_absence_by_cause AS
WITH levels AS (
  SELECT *, unnest(org_levels(school_code, school_name, district_code, district_name, city_code)) AS o FROM cause_school
), rolled AS (
  SELECT report_date, cause_type, cause, o.org_level, o.org_code, o.org_name, o.parent_code,
    any_value(o.district_name) AS district_name, sum(cases)::BIGINT AS cases, sum(new_cases)::BIGINT AS new_cases
  FROM levels GROUP BY ALL
), cities AS (
  SELECT count(*) > 1 AS several FROM (SELECT DISTINCT city_code FROM cause_school)
)
SELECT r.report_date, r.org_level, r.org_code, org_display_name(r.org_level, r.org_code, r.org_name, r.district_name, n.city_name) AS org_name,
  org_parent(r.org_level, r.parent_code, cities.several) AS parent_code,
  r.cause_type, r.cause, r.cases, coalesce(a.students_expected, 0)::BIGINT AS students_expected,
  CASE WHEN coalesce(a.students_expected, 0) > 0 THEN r.cases * 1000.0::DOUBLE / a.students_expected END AS rate_per_1000,
  r.new_cases
FROM rolled r CROSS JOIN cities
LEFT JOIN policy_city_names n ON r.org_level = 'city' AND n.city_code = r.org_code
LEFT JOIN gold_attendance a ON a.report_date = r.report_date AND a.org_level = r.org_level AND a.org_code = r.org_code
WHERE r.org_level <> 'province' OR cities.several;

-- @metric cluster_alerts
-- docs/rules.md §4.4, §7: a rule fires on day t when the distinct persons with onset (else report date)
-- in [t - window + 1, t] reach its threshold; firing days fewer than quiet-gap days apart are
-- one alert; EARS-C2 on the daily illness-absence rate against days t-9..t-3.
CREATE OR REPLACE TEMP TABLE cluster_firing_days AS
WITH base AS (
  SELECT person_key, school_code, grade, class_name, dormitory, person_type, coalesce(onset_date, report_date) AS onset, symptom_group, diagnosis
  FROM cases
), matched AS (
  SELECT b.*, r.rule_no, r.rule, r.scope, r.window_days, r.threshold, r.valid_from, r.valid_to, r.measure, r.min_persons,
    r.diagnosis AS rule_diagnosis,
    CASE WHEN r.scope = 'class' THEN b.grade END AS unit_grade,
    CASE WHEN r.scope = 'class' THEN b.class_name END AS unit_class,
    CASE WHEN r.scope = 'dormitory' THEN b.dormitory END AS unit_dorm,
    CASE WHEN r.per_symptom_group THEN b.symptom_group ELSE r.symptom_group END AS unit_group
  FROM base b
  JOIN policy_cluster_rules r ON (r.symptom_group IS NULL AND r.diagnosis IS NULL)
                              OR b.symptom_group = r.symptom_group OR b.diagnosis = r.diagnosis
  WHERE (r.scope <> 'class' OR (b.grade IS NOT NULL AND b.class_name IS NOT NULL AND b.person_type = 'student'))
    AND (r.scope <> 'dormitory' OR (b.dormitory IS NOT NULL AND b.person_type = 'student'))
), spread AS (
  SELECT m.*, m.onset + k::INTEGER AS t FROM matched m, unnest(range(0, m.window_days)) AS u(k)
), unit_days AS (
  -- per rule (rule_no: its position in conf), as ClusterAlerts evaluates the rules one by one
  SELECT rule_no, rule, scope, measure, min_persons, school_code, unit_grade AS grade, unit_class AS class_name,
    unit_dorm AS dormitory, unit_group AS symptom_group, t, count(DISTINCT person_key) AS persons, rule_diagnosis AS diagnosis,
    threshold::DOUBLE AS threshold, window_days
  FROM spread
  WHERE t <= DATE '${run_date}' AND t >= valid_from AND (valid_to IS NULL OR t <= valid_to)
  GROUP BY ALL
), measured AS (
  -- measure rate: the unit's size on t. A class: its active roster pupils in force on t. A
  -- school: students_expected of its daily report of t, else students_enrolled of the school
  -- in force on t.
  SELECT u.*,
    CASE WHEN u.measure <> 'rate' THEN NULL
         WHEN u.scope = 'class' THEN (
           SELECT count(DISTINCT ro.person_key) FROM silver_roster ro
           WHERE ro.school_code = u.school_code AND ro.grade = u.grade AND ro.class_name = u.class_name
             AND ro.person_type = 'student' AND ro.status = 'active' AND in_force(ro.valid_from, ro.valid_to, u.t))
         WHEN u.scope = 'dormitory' THEN (
           SELECT count(DISTINCT ro.person_key) FROM silver_roster ro
           WHERE ro.school_code = u.school_code AND ro.dormitory = u.dormitory
             AND ro.person_type = 'student' AND ro.status = 'active' AND in_force(ro.valid_from, ro.valid_to, u.t))
         ELSE coalesce(
           (SELECT d.students_expected FROM reports d WHERE d.school_code = u.school_code AND d.report_date = u.t),
           (SELECT s.students_enrolled FROM silver_schools s
            WHERE s.school_code = u.school_code AND in_force(s.valid_from, s.valid_to, u.t)))
    END::BIGINT AS denominator
  FROM unit_days u
)
SELECT school_code, grade, class_name, dormitory, symptom_group, t, persons, rule, diagnosis, threshold, window_days, measure,
  CASE WHEN measure = 'rate' THEN persons::DOUBLE / denominator END AS rate,
  denominator AS _denominator,
  CASE WHEN measure = 'rate' THEN min_persons END AS _min_persons
FROM measured
WHERE CASE WHEN measure = 'rate'
           THEN denominator > 0 AND persons >= min_persons AND persons::DOUBLE / denominator >= threshold
           ELSE persons >= threshold END;

INSERT INTO cluster_firing_days BY NAME
WITH e AS (SELECT * FROM policy_ears_c2 WHERE enabled), x AS (
  SELECT school_code, report_date AS t, students_absent_illness::DOUBLE / students_expected AS x,
    coalesce(students_absent_illness, 0) AS absent
  FROM reports WHERE students_expected > 0
), stats AS (
  SELECT x.school_code, x.t, x.x, x.absent, count(b.x) AS n, avg(b.x) AS mean, stddev_samp(b.x) AS sd
  FROM x CROSS JOIN e
  JOIN x b ON b.school_code = x.school_code AND b.t >= x.t - e.baseline_from AND b.t <= x.t - e.baseline_to
  GROUP BY x.school_code, x.t, x.x, x.absent
)
SELECT s.school_code, NULL AS grade, NULL AS class_name, NULL AS symptom_group, s.t, s.absent::BIGINT AS persons,
  'school_ears_c2' AS rule, NULL AS diagnosis, e.threshold, 1 AS window_days
FROM stats s CROSS JOIN e
WHERE s.n >= e.min_baseline_days AND (s.x - s.mean) / greatest(coalesce(s.sd, 0.0), e.sd_floor) > e.threshold;

CREATE OR REPLACE TEMP TABLE cluster_alerts_base AS
WITH flagged AS (
  SELECT d.*, CASE WHEN lag(t) OVER w IS NULL OR date_diff('day', lag(t) OVER w, t) - 1 >= p.quiet_gap_days THEN 1 ELSE 0 END AS _new
  FROM cluster_firing_days d CROSS JOIN policy_settings p
  WINDOW w AS (PARTITION BY rule, school_code, grade, class_name, dormitory, symptom_group, diagnosis, threshold ORDER BY t)
), episodes AS (
  SELECT *, sum(_new) OVER (PARTITION BY rule, school_code, grade, class_name, dormitory, symptom_group, diagnosis, threshold ORDER BY t
                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS _episode
  FROM flagged
), alerts AS (
  SELECT rule, school_code, grade, class_name, dormitory, symptom_group, diagnosis, threshold, window_days, measure, _min_persons, _episode,
    min(t) AS first_detected, max(t) AS last_detected, max(persons) AS max_persons,
    max(rate) AS rate, arg_min(_denominator, t) AS _denominator
  FROM episodes GROUP BY rule, school_code, grade, class_name, dormitory, symptom_group, diagnosis, threshold, window_days, measure, _min_persons, _episode
), counted AS (
  SELECT a.rule, a.school_code, a.grade, a.class_name, a.dormitory, a.symptom_group, a.diagnosis, a.threshold, a.window_days, a._episode,
    a.measure, a._min_persons, a.rate, a._denominator,
    a.first_detected, a.last_detected, a.max_persons, count(DISTINCT c.person_key) AS persons_in_span
  FROM alerts a
  LEFT JOIN cases c ON a.rule <> 'school_ears_c2'
    AND c.school_code = a.school_code
    AND (a.grade IS NULL OR c.grade = a.grade) AND (a.class_name IS NULL OR c.class_name = a.class_name)
    AND (a.dormitory IS NULL OR c.dormitory = a.dormitory)
    AND ((a.grade IS NULL AND a.dormitory IS NULL) OR c.person_type = 'student')
    AND coalesce(c.onset_date, c.report_date) >= a.first_detected + (1 - a.window_days)
    AND coalesce(c.onset_date, c.report_date) <= a.last_detected
    AND ((a.symptom_group IS NULL AND a.diagnosis IS NULL)
         OR (a.symptom_group IS NOT NULL AND c.symptom_group = a.symptom_group)
         OR (a.diagnosis IS NOT NULL AND c.diagnosis = a.diagnosis))
  GROUP BY ALL
), latest_school AS (
  SELECT school_code, school_name, district_code FROM silver_schools
  QUALIFY row_number() OVER (PARTITION BY school_code ORDER BY valid_from DESC) = 1
)
SELECT a.first_detected,
  substr(sha256(concat_ws('|', a.rule, a.school_code, coalesce(a.grade, ''), coalesce(a.class_name, ''), coalesce(a.symptom_group, ''),
    coalesce(a.diagnosis, ''), a.threshold::VARCHAR, a.first_detected::VARCHAR, a.dormitory)), 1, 16) AS alert_id,
  'school' AS org_level, a.school_code AS org_code, s.school_name AS org_name, s.district_code AS parent_code,
  a.rule, a.school_code, s.school_name, s.district_code, a.grade, a.class_name, a.dormitory, a.symptom_group, a.diagnosis, a.last_detected,
  (CASE WHEN a.rule = 'school_ears_c2' THEN a.max_persons ELSE a.persons_in_span END)::BIGINT AS cases, a.threshold, a.window_days::INTEGER AS window_days,
  a.measure, a.rate, a._denominator, a._min_persons,
  CASE WHEN date_diff('day', a.last_detected, DATE '${run_date}') >= p.quiet_gap_days THEN 'closed' ELSE 'active' END AS status
FROM counted a CROSS JOIN policy_settings p
LEFT JOIN latest_school s ON s.school_code = a.school_code;

-- docs/rules.md §4.4.1: detected_at = the k-th earliest first submission among the persons counted on
-- first_detected (k = threshold; measure rate: the smallest k >= min-persons with k / the
-- denominator of first_detected >= threshold); EARS: the daily report's first_submitted_at; the response of
-- silver_alert_responses submitted by the end of D; 24 h to report to the CDC.
CREATE OR REPLACE TABLE gold_cluster_alerts AS
WITH per_person AS (
  SELECT a.alert_id, a.threshold, a.measure, a._denominator, a._min_persons, c.person_key, min(c.first_submitted_at) AS first_sub
  FROM cluster_alerts_base a
  JOIN cases c ON a.rule <> 'school_ears_c2'
    AND c.school_code = a.school_code
    AND (a.grade IS NULL OR c.grade = a.grade) AND (a.class_name IS NULL OR c.class_name = a.class_name)
    AND (a.dormitory IS NULL OR c.dormitory = a.dormitory)
    AND ((a.grade IS NULL AND a.dormitory IS NULL) OR c.person_type = 'student')
    AND coalesce(c.onset_date, c.report_date) >= a.first_detected + (1 - a.window_days)
    AND coalesce(c.onset_date, c.report_date) <= a.first_detected
    AND ((a.symptom_group IS NULL AND a.diagnosis IS NULL)
         OR (a.symptom_group IS NOT NULL AND c.symptom_group = a.symptom_group)
         OR (a.diagnosis IS NOT NULL AND c.diagnosis = a.diagnosis))
  GROUP BY ALL
  HAVING min(c.first_submitted_at) IS NOT NULL
), ranked AS (
  SELECT *, row_number() OVER (PARTITION BY alert_id ORDER BY first_sub, person_key) AS k FROM per_person
), detected AS (
  SELECT alert_id, arg_min(first_sub, k) AS detected_at FROM ranked
  WHERE CASE WHEN measure = 'rate' THEN k >= _min_persons AND k::DOUBLE / _denominator >= threshold
             ELSE k >= threshold END
  GROUP BY alert_id
  UNION ALL
  SELECT a.alert_id, r.first_submitted_at FROM cluster_alerts_base a
  JOIN reports r ON a.rule = 'school_ears_c2' AND r.school_code = a.school_code AND r.report_date = a.first_detected
), responses AS (
  SELECT * FROM silver_alert_responses
  WHERE submitted_at IS NULL OR submitted_at < (DATE '${run_date}' + 1)::TIMESTAMP
), joined AS (
  SELECT a.*, d.detected_at, d.detected_at + INTERVAL 24 HOUR AS cdc_report_due,
    CASE WHEN r.closed_at IS NOT NULL AND r.closed_at < (DATE '${run_date}' + 1)::TIMESTAMP THEN 'closed'
         WHEN r.verified = 'verified' THEN 'verified'
         WHEN r.verified = 'discarded' THEN 'discarded'
         ELSE 'unverified' END AS response_status,
    r.reported_to_cdc_at,
    coalesce(list_contains(r.actions, 'class_suspension') AND r.suspension_from <= DATE '${run_date}'
             AND (r.suspension_to IS NULL OR r.suspension_to >= DATE '${run_date}'), false) AS class_suspended
  FROM cluster_alerts_base a
  LEFT JOIN detected d ON d.alert_id = a.alert_id
  LEFT JOIN responses r ON r.alert_id = a.alert_id
)
SELECT * EXCLUDE (class_suspended, _denominator, _min_persons),
  CASE WHEN reported_to_cdc_at IS NOT NULL AND cdc_report_due IS NOT NULL THEN reported_to_cdc_at <= cdc_report_due END AS cdc_report_on_time,
  coalesce(reported_to_cdc_at IS NULL AND cdc_report_due IS NOT NULL AND (DATE '${run_date}' + 1)::TIMESTAMP > cdc_report_due
           AND response_status <> 'discarded', false) AS cdc_report_overdue,
  class_suspended
FROM joined;

-- @metric vaccination_coverage
-- docs/rules.md §4.5, §7: active roster persons on D (latest snapshot row per person), age band of the
-- age on D, contraindication valid on D, doses dated <= D; the dose-1 product decides the series.
CREATE OR REPLACE TEMP TABLE vaccination_persons AS
WITH active AS (
  SELECT *, age_on(DATE '${run_date}', birth_date) AS age FROM silver_roster
  WHERE valid_from <= DATE '${run_date}' AND (valid_to IS NULL OR valid_to > DATE '${run_date}') AND status = 'active'
  QUALIFY row_number() OVER (PARTITION BY person_key ORDER BY valid_from DESC, school_code) = 1
), banded AS (
  SELECT a.*, b.band AS age_band FROM active a
  JOIN policy_age_bands b ON a.age >= b.min_age AND (b.max_age IS NULL OR a.age <= b.max_age)
  QUALIFY row_number() OVER (PARTITION BY a.person_key ORDER BY b.band_order) = 1
), ci AS (
  SELECT DISTINCT person_key FROM silver_contraindications
  WHERE recorded_at::DATE <= DATE '${run_date}' AND (valid_until IS NULL OR valid_until >= DATE '${run_date}')
), doses AS (
  SELECT person_key,
    max(CASE WHEN dose_number = 1 THEN series_doses END) AS series,
    bool_or(coalesce(dose_number = 1, false)) AS has1, bool_or(coalesce(dose_number = 2, false)) AS has2,
    bool_or(coalesce(dose_number = 3, false)) AS has3, bool_or(coalesce(dose_number = 4, false)) AS has4,
    max(dose_number) AS highest
  FROM silver_vaccinations WHERE vaccination_date <= DATE '${run_date}'
  GROUP BY person_key
), flags AS (
  SELECT b.person_key, b.school_code, b.person_type, b.age, b.age_band,
    ci.person_key IS NOT NULL AS contraindicated,
    b.age >= p.vaccination_min_age AND ci.person_key IS NULL AS eligible,
    coalesce(d.has1, false) AS has1, coalesce(d.has2, false) AS has2,
    coalesce(d.has1 AND d.series IS NOT NULL AND (d.series <= 1 OR d.has2) AND (d.series <= 2 OR d.has3) AND (d.series <= 3 OR d.has4), false) AS done,
    coalesce(d.series IS NOT NULL AND d.highest > d.series, false) AS boosted
  FROM banded b CROSS JOIN policy_settings p
  LEFT JOIN ci ON ci.person_key = b.person_key
  LEFT JOIN doses d ON d.person_key = b.person_key
)
SELECT person_key, school_code, person_type, age, age_band, contraindicated, eligible,
  eligible AND has1 AS dose1, eligible AND has1 AND has2 AS dose2, eligible AND done AS completed, eligible AND boosted AS booster
FROM flags;

CREATE OR REPLACE TEMP TABLE coverage_school AS
SELECT DATE '${run_date}' AS as_of, v.person_type, v.age_band,
  s.school_code, s.school_name, s.district_code, s.district_name, s.city_code,
  1 AS roster_persons, v.contraindicated::INTEGER AS contraindicated, v.eligible::INTEGER AS eligible,
  v.dose1::INTEGER AS dose1, v.completed::INTEGER AS completed, v.booster::INTEGER AS booster
FROM vaccination_persons v
JOIN silver_schools s ON s.school_code = v.school_code AND in_force(s.valid_from, s.valid_to, DATE '${run_date}');

CREATE OR REPLACE TABLE gold_vaccination_coverage AS
WITH levels AS (
  SELECT *, unnest(org_levels(school_code, school_name, district_code, district_name, city_code)) AS o FROM coverage_school
), rolled AS (
  SELECT as_of, person_type, age_band, o.org_level, o.org_code, o.org_name, o.parent_code, any_value(o.district_name) AS district_name,
    sum(roster_persons)::BIGINT AS roster_persons, sum(contraindicated)::BIGINT AS contraindicated, sum(eligible)::BIGINT AS eligible,
    sum(dose1)::BIGINT AS dose1, sum(completed)::BIGINT AS completed, sum(booster)::BIGINT AS booster
  FROM levels GROUP BY ALL
), cities AS (
  SELECT count(*) > 1 AS several FROM (SELECT DISTINCT city_code FROM coverage_school)
)
SELECT r.as_of, r.org_level, r.org_code, org_display_name(r.org_level, r.org_code, r.org_name, r.district_name, n.city_name) AS org_name,
  org_parent(r.org_level, r.parent_code, cities.several) AS parent_code,
  r.person_type, r.age_band, r.roster_persons, r.contraindicated, r.eligible, r.dose1, r.completed, r.booster,
  rate(r.dose1, r.eligible) AS dose1_rate, rate(r.completed, r.eligible) AS completed_rate,
  rate(r.dose1 - r.completed, r.dose1) AS dropout_rate, NULL::TIMESTAMP AS superseded_at
FROM rolled r CROSS JOIN cities
LEFT JOIN policy_city_names n ON r.org_level = 'city' AND n.city_code = r.org_code
WHERE r.org_level <> 'province' OR cities.several;

-- @metric campaign_progress
-- docs/rules.md §3, §4.5, §7: per campaign, the coverage-eligible persons of its band and those with its
-- dose (dose 1, dose 2, or the completed series for a higher dose number); rolled up per campaign.
CREATE OR REPLACE TEMP TABLE campaign_school AS
SELECT DATE '${run_date}' AS as_of, c.campaign_id,
  s.school_code, s.school_name, s.district_code, s.district_name, s.city_code,
  v.eligible::INTEGER AS eligible,
  (CASE c.dose_number WHEN 1 THEN v.dose1 WHEN 2 THEN v.dose2 ELSE v.completed END)::INTEGER AS achieved
FROM vaccination_persons v
JOIN silver_schools s ON s.school_code = v.school_code AND in_force(s.valid_from, s.valid_to, DATE '${run_date}')
JOIN policy_campaigns c ON c.age_band = v.age_band;

CREATE OR REPLACE TABLE gold_campaign_progress AS
WITH levels AS (
  SELECT *, unnest(org_levels(school_code, school_name, district_code, district_name, city_code)) AS o FROM campaign_school
), rolled AS (
  SELECT as_of, campaign_id, o.org_level, o.org_code, o.org_name, o.parent_code, any_value(o.district_name) AS district_name,
    sum(eligible)::BIGINT AS eligible, sum(achieved)::BIGINT AS achieved
  FROM levels GROUP BY ALL
), cities AS (
  -- each campaign is rolled up on its own (Vaccination.campaigns)
  SELECT campaign_id, count(*) > 1 AS several FROM (SELECT DISTINCT campaign_id, city_code FROM campaign_school) GROUP BY campaign_id
)
SELECT r.as_of, r.org_level, r.org_code, org_display_name(r.org_level, r.org_code, r.org_name, r.district_name, n.city_name) AS org_name,
  org_parent(r.org_level, r.parent_code, cities.several) AS parent_code,
  r.campaign_id, c.age_band, c.dose_number::INTEGER AS dose_number, c.deadline, r.eligible, r.achieved,
  rate(r.achieved, r.eligible) AS achieved_rate, c.target_rate,
  greatest(0, ceil(r.eligible * c.target_rate - 1e-9)::BIGINT - r.achieved)::BIGINT AS gap_persons,
  date_diff('day', DATE '${run_date}', c.deadline)::INTEGER AS days_left,
  coalesce(rate(r.achieved, r.eligible), 0.0) < p.lagging_threshold * c.target_rate AND r.eligible > 0 AS lagging, NULL::TIMESTAMP AS superseded_at
FROM rolled r
JOIN cities ON cities.campaign_id = r.campaign_id
JOIN policy_campaigns c ON c.campaign_id = r.campaign_id
CROSS JOIN policy_settings p
LEFT JOIN policy_city_names n ON r.org_level = 'city' AND n.city_code = r.org_code
WHERE r.org_level <> 'province' OR cities.several;

-- @metric risk_exposure
-- docs/rules.md §4.6, §7: per person with a trip departed by D, the highest category of any trip
-- (abroad > high direct > high possible > medium direct > medium possible > out_of_province >
-- in_province), counted once under the attributed school; status and flags over all trips.
-- in_province trips within the home city are in_city (their own monitoring days).
CREATE OR REPLACE TEMP TABLE exposure_trips AS
WITH t AS (
  SELECT *, return_date IS NULL OR return_date > DATE '${run_date}' AS away,
    CASE WHEN return_date IS NULL OR return_date > DATE '${run_date}' THEN DATE '${run_date}' ELSE return_date END AS stay_end
  FROM silver_travel_records WHERE departure_date <= DATE '${run_date}'
), hits AS (
  SELECT t.record_key,
    min(CASE WHEN a.risk_level = 'high' AND starts_with(t.destination_code, a.area_code) THEN 2
             WHEN a.risk_level = 'high' THEN 3
             WHEN starts_with(t.destination_code, a.area_code) THEN 4
             ELSE 5 END) AS risk_rank
  FROM t JOIN silver_risk_areas a
    ON a.risk_level IN ('high', 'medium')
   AND a.period_from <= t.stay_end AND (a.period_to IS NULL OR a.period_to >= t.departure_date)
   AND (starts_with(t.destination_code, a.area_code) OR starts_with(a.area_code, t.destination_code))
  GROUP BY t.record_key
), ranked AS (
  SELECT t.*,
    CASE WHEN coalesce(t.abroad, false) THEN 1
         WHEN h.risk_rank IS NOT NULL THEN h.risk_rank
         WHEN substr(t.destination_code, 1, 2) <> p.home_province THEN 6
         ELSE 7 END AS category_rank
  FROM t CROSS JOIN policy_settings p
  LEFT JOIN hits h ON h.record_key = t.record_key
), per_trip AS (
  SELECT r.*,
    CASE r.category_rank WHEN 1 THEN 'abroad' WHEN 2 THEN 'high' WHEN 3 THEN 'high' WHEN 4 THEN 'medium'
                         WHEN 5 THEN 'medium' WHEN 6 THEN 'out_of_province' ELSE 'in_province' END AS category,
    CASE WHEN r.category_rank IN (2, 4) THEN 'direct' WHEN r.category_rank IN (3, 5) THEN 'possible' END AS match_type
  FROM ranked r
), cityed AS (
  SELECT r.*, coalesce(r.category_rank = 7 AND starts_with(r.destination_code, h.home_city), false) AS in_city,
    h.in_city_monitoring_days
  FROM per_trip r CROSS JOIN policy_home_city h
)
SELECT t.*,
  NOT t.away AND date_diff('day', t.return_date, DATE '${run_date}')
    < CASE WHEN t.in_city THEN t.in_city_monitoring_days ELSE coalesce(m.days, 0) END AS monitoring,
  t.stay_end >= DATE '${run_date}' - (p.exposure_window_days - 1) AS recent,
  coalesce(t.approved, 'pending') <> 'yes' AS unapproved,
  NOT t.away AND (t.nucleic_test_date IS NULL OR t.nucleic_test_date < t.return_date) AS missing_test
FROM cityed t CROSS JOIN policy_settings p
LEFT JOIN policy_monitoring_days m ON m.category = t.category;

CREATE OR REPLACE TEMP TABLE exposure_persons AS
WITH flagged AS (SELECT * FROM exposure_trips), best AS (
  SELECT person_key, person_type, attributed_school_code AS school_code, category, match_type FROM flagged
  QUALIFY row_number() OVER (PARTITION BY person_key ORDER BY category_rank, departure_date DESC, record_key) = 1
), person_flags AS (
  SELECT person_key, bool_or(away) AS any_away, bool_or(monitoring) AS any_monitoring, bool_or(recent) AS any_recent,
    bool_or(unapproved) AS any_unapproved, bool_or(missing_test) AS any_missing, bool_or(NOT in_city) AS left_city
  FROM flagged GROUP BY person_key
)
SELECT DATE '${run_date}' AS as_of, b.person_key, b.person_type, b.school_code, b.category, coalesce(b.match_type, '') AS match_type,
  1 AS persons, f.any_recent::INTEGER AS persons_14d, f.any_away::INTEGER AS away,
  (NOT f.any_away AND f.any_monitoring)::INTEGER AS in_monitoring,
  (NOT f.any_away AND NOT f.any_monitoring)::INTEGER AS completed,
  f.any_unapproved::INTEGER AS unapproved, f.any_missing::INTEGER AS missing_test,
  (b.category = 'in_province' AND h.home_city IS NOT NULL AND NOT f.left_city)::INTEGER AS in_city,
  (b.category = 'in_province' AND h.home_city IS NOT NULL AND f.left_city)::INTEGER AS out_of_city
FROM best b JOIN person_flags f ON f.person_key = b.person_key CROSS JOIN policy_home_city h;

CREATE OR REPLACE TEMP TABLE exposure_school AS
SELECT e.*, s.school_name, s.district_code, s.district_name, s.city_code
FROM exposure_persons e
JOIN silver_schools s ON s.school_code = e.school_code AND in_force(s.valid_from, s.valid_to, e.as_of);

CREATE OR REPLACE TABLE gold_risk_exposure AS
WITH levels AS (
  SELECT *, unnest(org_levels(school_code, school_name, district_code, district_name, city_code)) AS o FROM exposure_school
), rolled AS (
  SELECT as_of, person_type, category, match_type, o.org_level, o.org_code, o.org_name, o.parent_code,
    any_value(o.district_name) AS district_name,
    sum(persons)::BIGINT AS persons, sum(persons_14d)::BIGINT AS persons_14d, sum(away)::BIGINT AS away,
    sum(in_monitoring)::BIGINT AS in_monitoring, sum(completed)::BIGINT AS completed,
    sum(unapproved)::BIGINT AS unapproved, sum(missing_test)::BIGINT AS missing_test,
    sum(in_city)::BIGINT AS in_city, sum(out_of_city)::BIGINT AS out_of_city
  FROM levels GROUP BY ALL
), cities AS (
  SELECT count(*) > 1 AS several FROM (SELECT DISTINCT city_code FROM exposure_school)
)
SELECT r.as_of, r.org_level, r.org_code, org_display_name(r.org_level, r.org_code, r.org_name, r.district_name, n.city_name) AS org_name,
  org_parent(r.org_level, r.parent_code, cities.several) AS parent_code,
  r.person_type, r.category, nullif(r.match_type, '') AS match_type, r.persons, r.persons_14d, r.away, r.in_monitoring,
  r.completed, r.unapproved, r.missing_test,
  CASE WHEN r.category = 'in_province' AND h.home_city IS NOT NULL THEN r.in_city END AS in_city,
  CASE WHEN r.category = 'in_province' AND h.home_city IS NOT NULL THEN r.out_of_city END AS out_of_city,
  NULL::TIMESTAMP AS superseded_at
FROM rolled r CROSS JOIN cities CROSS JOIN policy_home_city h
LEFT JOIN policy_city_names n ON r.org_level = 'city' AND n.city_code = r.org_code
WHERE r.org_level <> 'province' OR cities.several;

-- @metric exposure_by_area
-- docs/rules.md §4.6.1: risk areas with a high/medium period overlapping the window D-w+1..D; a
-- person counts when a stay overlaps the window and a high/medium period of the area (direct or
-- possible); focus areas shown on D: a stay overlapping [since, D] (else the area's window) to a
-- destination starting with a match prefix. Flags over the person's matching stays; the
-- all-areas rows (area_kind NULL) once per person. Person type and school as in risk_exposure.
CREATE OR REPLACE TEMP TABLE area_hits AS
WITH w AS (
  SELECT DATE '${run_date}' - (exposure_window_days - 1) AS window_from FROM policy_settings
), periods AS (
  SELECT area_code, area_name, risk_level, period_from, period_to FROM silver_risk_areas WHERE risk_level IN ('high', 'medium')
), listed AS (
  SELECT p.area_code, max(CASE WHEN p.risk_level = 'high' THEN 2 ELSE 1 END) AS level, arg_max(p.area_name, p.period_from) AS area_name
  FROM periods p CROSS JOIN w
  WHERE p.period_from <= DATE '${run_date}' AND (p.period_to IS NULL OR p.period_to >= w.window_from)
  GROUP BY p.area_code
), risk AS (
  SELECT t.person_key, p.area_code, max(starts_with(t.destination_code, p.area_code)::INTEGER) AS direct,
    max(t.away::INTEGER) AS a, max(t.monitoring::INTEGER) AS m, max((NOT t.away)::INTEGER) AS r,
    max(t.missing_test::INTEGER) AS tt, max(t.unapproved::INTEGER) AS u
  FROM exposure_trips t CROSS JOIN w
  JOIN periods p
    ON t.stay_end >= w.window_from AND p.period_from <= t.stay_end AND (p.period_to IS NULL OR p.period_to >= t.departure_date)
   AND (starts_with(t.destination_code, p.area_code) OR starts_with(p.area_code, t.destination_code))
  GROUP BY t.person_key, p.area_code
), focus AS (
  SELECT area_code, area_name, prefix, coalesce(since, DATE '${run_date}' - (window_days - 1)) AS window_from
  FROM policy_focus_areas
  WHERE from_date <= DATE '${run_date}' AND (to_date IS NULL OR to_date >= DATE '${run_date}')
), focus_hits AS (
  SELECT t.person_key, f.area_code, f.area_name,
    max(t.away::INTEGER) AS a, max(t.monitoring::INTEGER) AS m, max((NOT t.away)::INTEGER) AS r,
    max(t.missing_test::INTEGER) AS tt, max(t.unapproved::INTEGER) AS u
  FROM exposure_trips t JOIN focus f ON starts_with(t.destination_code, f.prefix) AND t.stay_end >= f.window_from
  GROUP BY t.person_key, f.area_code, f.area_name
)
SELECT x.person_key, 'risk_area' AS area_kind, x.area_code, l.area_name,
  CASE WHEN l.level = 2 THEN 'high' ELSE 'medium' END AS risk_level,
  CASE WHEN x.direct = 1 THEN 'direct' ELSE 'possible' END AS match_type, x.a, x.m, x.r, x.tt, x.u
FROM risk x JOIN listed l ON l.area_code = x.area_code
UNION ALL
SELECT person_key, 'focus_area', area_code, area_name, NULL, NULL, a, m, r, tt, u FROM focus_hits;

CREATE OR REPLACE TEMP TABLE area_school AS
WITH all_rows AS (
  SELECT * FROM area_hits
  UNION ALL
  SELECT person_key, NULL, NULL, NULL, NULL, NULL, max(a), max(m), max(r), max(tt), max(u) FROM area_hits GROUP BY person_key
)
SELECT DATE '${run_date}' AS as_of, x.area_kind, x.area_code, x.area_name, x.risk_level, x.match_type, e.person_type,
  coalesce(s.directly_managed, false) AS directly_managed,
  1 AS persons, x.a AS away, (x.a = 0 AND x.m = 1)::INTEGER AS in_monitoring, (x.r = 1 AND x.tt = 0)::INTEGER AS tested_after_return,
  x.tt AS missing_test, x.u AS unapproved,
  e.school_code, s.school_name, s.district_code, s.district_name, s.city_code
FROM all_rows x JOIN exposure_persons e ON e.person_key = x.person_key
JOIN silver_schools s ON s.school_code = e.school_code AND in_force(s.valid_from, s.valid_to, DATE '${run_date}');

CREATE OR REPLACE TABLE gold_exposure_by_area AS
WITH levels AS (
  SELECT *, unnest(org_levels(school_code, school_name, district_code, district_name, city_code)) AS o FROM area_school
), rolled AS (
  SELECT as_of, area_kind, area_code, area_name, risk_level, match_type, person_type, directly_managed,
    o.org_level, o.org_code, o.org_name, o.parent_code, any_value(o.district_name) AS district_name,
    sum(persons)::BIGINT AS persons, sum(away)::BIGINT AS away, sum(in_monitoring)::BIGINT AS in_monitoring,
    sum(tested_after_return)::BIGINT AS tested_after_return, sum(missing_test)::BIGINT AS missing_test,
    sum(unapproved)::BIGINT AS unapproved
  FROM levels GROUP BY ALL
), cities AS (
  SELECT count(*) > 1 AS several FROM (SELECT DISTINCT city_code FROM area_school)
)
SELECT r.as_of, r.org_level, r.org_code, org_display_name(r.org_level, r.org_code, r.org_name, r.district_name, n.city_name) AS org_name,
  org_parent(r.org_level, r.parent_code, cities.several) AS parent_code,
  r.area_kind, r.area_code, r.area_name, r.risk_level, r.match_type, r.person_type, r.directly_managed,
  r.persons, r.away, r.in_monitoring, r.tested_after_return, r.missing_test, r.unapproved, NULL::TIMESTAMP AS superseded_at
FROM rolled r CROSS JOIN cities
LEFT JOIN policy_city_names n ON r.org_level = 'city' AND n.city_code = r.org_code
WHERE r.org_level <> 'province' OR cities.several;

-- @metric vaccination_followup
-- docs/rules.md §4.7: the persons of coverage aged >= the minimum age, one status each, first
-- match wins; per unit, person type and band one row per status (zeros included).
CREATE OR REPLACE TEMP TABLE followup_persons AS
WITH doses AS (
  SELECT person_key, bool_or(dose_number = 1) AS has1,
    count(DISTINCT dose_number) FILTER (WHERE dose_number >= 1) AS distinct_doses,
    max(dose_number) AS highest, arg_max(vaccination_date, dose_number) AS last_date,
    max(CASE WHEN dose_number = 1 THEN series_doses END) AS series,
    max(CASE WHEN dose_number = 1 THEN min_interval_days END) AS interval_days
  FROM silver_vaccinations WHERE vaccination_date <= DATE '${run_date}'
  GROUP BY person_key
), ci AS (
  SELECT person_key, max(valid_until) AS valid_until FROM silver_contraindications
  WHERE recorded_at::DATE <= DATE '${run_date}' AND (valid_until IS NULL OR valid_until >= DATE '${run_date}')
  GROUP BY person_key
), facts AS (
  SELECT v.*, ci.valid_until,
    -- doses 1..k present for every dose k > 1 <=> as many distinct doses as the highest one
    coalesce(d.highest > 1 AND d.distinct_doses < d.highest, false) AS gap,
    coalesce(d.has1, false) AS has1, d.highest, d.series,
    d.last_date + to_days(coalesce(d.interval_days, 0)) AS due_date
  FROM vaccination_persons v CROSS JOIN policy_settings p
  LEFT JOIN doses d ON d.person_key = v.person_key
  LEFT JOIN ci ON ci.person_key = v.person_key
  WHERE v.age >= p.vaccination_min_age
), status AS (
  SELECT r.*, CASE
      WHEN r.contraindicated THEN
        CASE WHEN r.valid_until IS NOT NULL AND r.valid_until <= DATE '${run_date}' + 14
             THEN 'contraindication_expiring' ELSE 'contraindicated' END
      WHEN r.gap OR (r.has1 AND r.series IS NULL) THEN 'record_gap'
      WHEN NOT r.has1 THEN 'never_vaccinated'
      WHEN r.highest >= r.series THEN 'completed'
      WHEN date_diff('day', r.due_date::DATE, DATE '${run_date}') > pv.grace_days THEN 'overdue'
      WHEN date_diff('day', r.due_date::DATE, DATE '${run_date}') >= 0 THEN 'due'
      ELSE 'scheduled' END AS status
  FROM facts r CROSS JOIN policy_vaccination pv
)
SELECT s.person_key, s.school_code, s.person_type, s.age_band, s.status,
  s.eligible AND EXISTS (
    SELECT 1 FROM policy_campaigns c CROSS JOIN policy_vaccination pv
    WHERE c.age_band = s.age_band AND c.deadline <= DATE '${run_date}' + pv.deadline_warning_days
      AND NOT (CASE c.dose_number WHEN 1 THEN s.dose1 WHEN 2 THEN s.dose2 ELSE s.completed END)) AS campaign_at_risk
FROM status s;

CREATE OR REPLACE TEMP TABLE followup_school AS
SELECT DATE '${run_date}' AS as_of, f.person_type, f.age_band, f.status, f.campaign_at_risk,
  s.school_code, s.school_name, s.district_code, s.district_name, s.city_code
FROM followup_persons f
JOIN silver_schools s ON s.school_code = f.school_code AND in_force(s.valid_from, s.valid_to, DATE '${run_date}');

CREATE OR REPLACE TABLE gold_vaccination_followup AS
WITH levels AS (
  SELECT *, unnest(org_levels(school_code, school_name, district_code, district_name, city_code)) AS o FROM followup_school
), rolled AS (
  SELECT as_of, person_type, age_band, o.org_level, o.org_code, o.org_name, o.parent_code, any_value(o.district_name) AS district_name,
    count_if(status = 'record_gap') AS n_record_gap, count_if(status = 'record_gap' AND campaign_at_risk) AS r_record_gap,
    count_if(status = 'never_vaccinated') AS n_never_vaccinated, count_if(status = 'never_vaccinated' AND campaign_at_risk) AS r_never_vaccinated,
    count_if(status = 'overdue') AS n_overdue, count_if(status = 'overdue' AND campaign_at_risk) AS r_overdue,
    count_if(status = 'due') AS n_due, count_if(status = 'due' AND campaign_at_risk) AS r_due,
    count_if(status = 'scheduled') AS n_scheduled, count_if(status = 'scheduled' AND campaign_at_risk) AS r_scheduled,
    count_if(status = 'completed') AS n_completed, count_if(status = 'completed' AND campaign_at_risk) AS r_completed,
    count_if(status = 'contraindicated') AS n_contraindicated, count_if(status = 'contraindicated' AND campaign_at_risk) AS r_contraindicated,
    count_if(status = 'contraindication_expiring') AS n_contraindication_expiring, count_if(status = 'contraindication_expiring' AND campaign_at_risk) AS r_contraindication_expiring
  FROM levels GROUP BY ALL
), statuses AS (
  SELECT * FROM (VALUES ('record_gap'), ('never_vaccinated'), ('overdue'), ('due'), ('scheduled'),
    ('completed'), ('contraindicated'), ('contraindication_expiring')) AS t(status)
), cities AS (
  SELECT count(*) > 1 AS several FROM (SELECT DISTINCT city_code FROM followup_school)
)
SELECT r.as_of, r.org_level, r.org_code, org_display_name(r.org_level, r.org_code, r.org_name, r.district_name, n.city_name) AS org_name,
  org_parent(r.org_level, r.parent_code, cities.several) AS parent_code,
  r.person_type, r.age_band, st.status,
  (CASE st.status WHEN 'record_gap' THEN r.n_record_gap WHEN 'never_vaccinated' THEN r.n_never_vaccinated WHEN 'overdue' THEN r.n_overdue WHEN 'due' THEN r.n_due WHEN 'scheduled' THEN r.n_scheduled WHEN 'completed' THEN r.n_completed WHEN 'contraindicated' THEN r.n_contraindicated WHEN 'contraindication_expiring' THEN r.n_contraindication_expiring END)::BIGINT AS persons,
  (CASE st.status WHEN 'record_gap' THEN r.r_record_gap WHEN 'never_vaccinated' THEN r.r_never_vaccinated WHEN 'overdue' THEN r.r_overdue WHEN 'due' THEN r.r_due WHEN 'scheduled' THEN r.r_scheduled WHEN 'completed' THEN r.r_completed WHEN 'contraindicated' THEN r.r_contraindicated WHEN 'contraindication_expiring' THEN r.r_contraindication_expiring END)::BIGINT AS campaign_at_risk,
  NULL::TIMESTAMP AS superseded_at
FROM rolled r CROSS JOIN statuses st CROSS JOIN cities
LEFT JOIN policy_city_names n ON r.org_level = 'city' AND n.city_code = r.org_code
WHERE r.org_level <> 'province' OR cities.several;

-- @metric district_ears
-- docs/rules.md §4.4.2: per day t, district (of the school in force on t) and symptom group (every
-- group of §2.4, zeros included) on the days the district's reports expect students: x = the
-- line-list rows of t per 1,000 students_expected; the baseline is the rows of the same district
-- and group on days t-9..t-3, at least min-baseline-days of them; z against max(sd, sd-floor);
-- level alert above 'alert', warning above 'warning', none with fewer than min-cases rows.
CREATE OR REPLACE TABLE gold_district_ears AS
WITH p AS (SELECT * FROM policy_district_ears WHERE enabled), expected AS (
  SELECT r.report_date, s.district_code, any_value(s.district_name) AS district_name,
    sum(coalesce(r.students_expected, 0))::BIGINT AS students_expected
  FROM reports r JOIN silver_schools s ON s.school_code = r.school_code AND in_force(s.valid_from, s.valid_to, r.report_date)
  WHERE EXISTS (SELECT 1 FROM p)
  GROUP BY r.report_date, s.district_code
  HAVING sum(coalesce(r.students_expected, 0)) > 0
), counted AS (
  SELECT c.report_date, s.district_code, c.symptom_group, count(*) AS cases
  FROM cases c JOIN silver_schools s ON s.school_code = c.school_code AND in_force(s.valid_from, s.valid_to, c.report_date)
  GROUP BY ALL
), x AS (
  SELECT d.report_date, d.district_code, d.district_name, g.symptom_group, coalesce(k.cases, 0)::BIGINT AS cases,
    d.students_expected, coalesce(k.cases, 0) * 1000.0::DOUBLE / d.students_expected AS rate_per_1000
  FROM expected d
  CROSS JOIN (SELECT unnest(['rash', 'parotitis', 'conjunctivitis', 'gi', 'ili', 'fever', 'respiratory', 'other']) AS symptom_group) g
  LEFT JOIN counted k ON k.report_date = d.report_date AND k.district_code = d.district_code AND k.symptom_group = g.symptom_group
), stats AS (
  SELECT x.*, count(b.rate_per_1000) AS n, avg(b.rate_per_1000) AS mean, stddev_samp(b.rate_per_1000) AS sd
  FROM x CROSS JOIN p
  LEFT JOIN x b ON b.district_code = x.district_code AND b.symptom_group = x.symptom_group
    AND b.report_date >= x.report_date - p.baseline_from AND b.report_date <= x.report_date - p.baseline_to
  GROUP BY ALL
), scored AS (
  SELECT s.*, s.n >= p.min_baseline_days AS enough,
    CASE WHEN s.n >= p.min_baseline_days THEN (s.rate_per_1000 - s.mean) / greatest(coalesce(s.sd, 0.0), p.sd_floor) END AS z,
    p.warning, p.alert, p.min_cases
  FROM stats s CROSS JOIN p
)
SELECT report_date, 'district' AS org_level, district_code AS org_code, coalesce(district_name, district_code) AS org_name,
  substr(district_code, 1, 4) || '00' AS parent_code, district_code, district_name, symptom_group, cases, students_expected,
  rate_per_1000, n::INTEGER AS baseline_days,
  CASE WHEN enough THEN mean END AS baseline_mean, CASE WHEN enough THEN sd END AS baseline_sd, z,
  CASE WHEN cases < min_cases THEN NULL WHEN z > alert THEN 'alert' WHEN z > warning THEN 'warning' END AS level
FROM scored;
