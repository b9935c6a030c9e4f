-- The benchmark's one-machine peer (issue 8): every silver table recomputed from every inbox
-- extract in DuckDB. Run by io.epiwatch.bench.DuckDbSilver statement by statement, after it has
-- copied the extracts to ${scratch}/<source>/ as UTF-8 with English headers (table inbox_files
-- maps each copy back to its inbox file). Parameters: ${run_date}, ${scratch},
-- ${vocab:<name>} (the vocabularies of contract/Sources as MAP literals),
-- ${vaccine_products} (policy.vaccine-products of conf/epiwatch.conf).
-- Output: silver_* with the columns and types of catalog/Tables.SILVER_*, and quarantine.
-- person_key is sha256(id_type:upper(id_number)): the warehouse's HMAC is not available here.

-- step: read
-- Every file of a source; _columns.csv (header only) makes every declared column exist.
CREATE MACRO read_source(src) AS TABLE
  SELECT * FROM read_csv(${scratch} || '/' || src || '/*.csv', all_varchar = true, union_by_name = true,
    filename = true, header = true, delim = ',', quote = '"', escape = '"', null_padding = true);

-- source_line: the record's position in its file (header = line 1); equal to the physical line
-- unless a quoted cell spans lines. Insertion order is file order.
CREATE MACRO with_lineage(src) AS TABLE
  SELECT c.*, f.inbox_path AS source_file,
    row_number() OVER (PARTITION BY c.filename ORDER BY c.rowid) + 1 AS source_line
  FROM query('SELECT rowid, * FROM csv_' || src) c
  JOIN inbox_files f ON f.source = src AND f.scratch_name = parse_filename(c.filename);

CREATE TABLE csv_schools AS FROM read_source('schools');
CREATE TABLE csv_roster AS FROM read_source('roster');
CREATE TABLE csv_daily_reports AS FROM read_source('daily_reports');
CREATE TABLE csv_absence_cases AS FROM read_source('absence_cases');
CREATE TABLE csv_travel_records AS FROM read_source('travel_records');
CREATE TABLE csv_risk_areas AS FROM read_source('risk_areas');
CREATE TABLE csv_vaccinations AS FROM read_source('vaccinations');
CREATE TABLE csv_contraindications AS FROM read_source('contraindications');
CREATE TABLE csv_safety_incidents AS FROM read_source('safety_incidents');
CREATE TABLE csv_alert_responses AS FROM read_source('alert_responses');
CREATE TABLE csv_inspections AS FROM read_source('inspections');
CREATE TABLE csv_findings AS FROM read_source('findings');
CREATE TABLE csv_campus_stays AS FROM read_source('campus_stays');
CREATE TABLE csv_return_batches AS FROM read_source('return_batches');

-- step: validate
-- Text forms of docs/rules.md §1 (ingest/Values.java): empty = NULL; a value that does not
-- parse is NULL here and raises its reason code below.
CREATE MACRO cell(s) AS nullif(regexp_replace(s, '^[\s　]+|[\s　]+$', '', 'g'), '');  -- white space incl. U+3000 stripped
CREATE MACRO parse_date(s) AS CASE
  WHEN regexp_full_match(s, '\d{8}') THEN try(make_date(s[1:4]::BIGINT, s[5:6]::BIGINT, s[7:8]::BIGINT))
  WHEN regexp_full_match(s, '\d{4}[-/]\d{1,2}[-/]\d{1,2}') THEN
    try(make_date(string_split(replace(s, '/', '-'), '-')[1]::BIGINT, string_split(replace(s, '/', '-'), '-')[2]::BIGINT,
      string_split(replace(s, '/', '-'), '-')[3]::BIGINT))
  END;
CREATE MACRO ts_parts(s) AS
  regexp_extract(s, '^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$', ['y', 'mo', 'd', 'h', 'mi', 'sec']);
CREATE MACRO parse_ts_parts(p) AS CASE
  -- TRY_CAST: DuckDB may evaluate the casts before p.y <> '' rules out a value that did not match
  WHEN p.y <> '' AND TRY_CAST(p.h AS INT) < 24 AND TRY_CAST(p.mi AS INT) < 60 AND coalesce(TRY_CAST(nullif(p.sec, '') AS INT), 0) < 60 THEN
    try(make_timestamp(p.y::BIGINT, p.mo::BIGINT, p.d::BIGINT, p.h::BIGINT, p.mi::BIGINT, coalesce(nullif(p.sec, '')::DOUBLE, 0)))
  END;
CREATE MACRO parse_ts(s) AS parse_ts_parts(ts_parts(s));
-- Integers (a trailing ".0" as spreadsheets write it); NULL when not a whole number.
CREATE MACRO parse_int(s) AS CASE
  WHEN regexp_full_match(regexp_replace(s, '\.0$', ''), '[+-]?\d{1,18}') THEN regexp_replace(s, '\.0$', '')::BIGINT END;
CREATE MACRO count_value(s) AS CASE WHEN parse_int(s) BETWEEN 0 AND 2147483647 THEN parse_int(s)::INT END;

-- Vocabularies: code of a spelling (trimmed, case-insensitive), NULL when unknown.
CREATE MACRO id_type_code(s) AS CASE WHEN s IS NULL THEN 'resident' ELSE (${vocab:id_type})[lower(s)] END;
CREATE MACRO school_type_code(s) AS (${vocab:school_type})[lower(s)];
CREATE MACRO person_type_code(s) AS (${vocab:person_type})[lower(s)];
CREATE MACRO traveller_type_code(s) AS (${vocab:traveller_type})[lower(s)];
CREATE MACRO linked_person_type_code(s) AS (${vocab:linked_person_type})[lower(s)];
CREATE MACRO roster_status_code(s) AS (${vocab:roster_status})[lower(s)];
CREATE MACRO sex_code(s) AS (${vocab:sex})[lower(s)];
CREATE MACRO symptom_code(s) AS (${vocab:symptom})[lower(s)];
CREATE MACRO diagnosis_code(s) AS (${vocab:diagnosis})[lower(s)];
CREATE MACRO approval_code(s) AS (${vocab:approval})[lower(s)];
CREATE MACRO test_result_code(s) AS (${vocab:test_result})[lower(s)];
CREATE MACRO risk_level_code(s) AS (${vocab:risk_level})[lower(s)];
CREATE MACRO incident_type_code(s) AS (${vocab:incident_type})[lower(s)];
CREATE MACRO bool_value(s) AS ((${vocab:boolean})[lower(s)])::BOOLEAN;
-- Symptoms: several codes separated by ; ； 、 , or ，, blanks skipped, duplicates dropped.
CREATE MACRO symptom_parts(s) AS list_filter(regexp_split_to_array(s, '[;；、,，]'), lambda p: cell(p) IS NOT NULL);
CREATE MACRO symptom_codes(s) AS CASE WHEN s IS NOT NULL THEN
  list_filter(list_transform(symptom_parts(s), lambda p: symptom_code(cell(p))),
    lambda c, i: c IS NOT NULL AND list_position(list_transform(symptom_parts(s), lambda p: symptom_code(cell(p))), c) = i) END;
CREATE MACRO verification_code(s) AS (${vocab:verification})[lower(s)];
CREATE MACRO action_code(s) AS (${vocab:alert_action})[lower(s)];
CREATE MACRO inspection_mode_code(s) AS (${vocab:inspection_mode})[lower(s)];
CREATE MACRO inspection_scope_code(s) AS (${vocab:inspection_scope})[lower(s)];
CREATE MACRO finding_category_code(s) AS (${vocab:finding_category})[lower(s)];
CREATE MACRO severity_code(s) AS (${vocab:severity})[lower(s)];
CREATE MACRO action_codes(s) AS CASE WHEN s IS NOT NULL THEN
  list_filter(list_transform(symptom_parts(s), lambda p: action_code(cell(p))),
    lambda c, i: c IS NOT NULL AND list_position(list_transform(symptom_parts(s), lambda p: action_code(cell(p))), c) = i) END;
CREATE MACRO actions_unknown(s) AS list_bool_or(list_transform(symptom_parts(s), lambda p: action_code(cell(p)) IS NULL));
CREATE MACRO symptoms_unknown(s) AS list_bool_or(list_transform(symptom_parts(s), lambda p: symptom_code(cell(p)) IS NULL));

-- GB 11643 resident ID (common/ResidentId.java): 17 digits with a real birth date, then the
-- ISO 7064 MOD 11-2 check character; upper-cased first (a lower-case x is valid).
-- The first 17 characters as 17 digits (non-digits as 0, so the expression never fails; only
-- rows matching \d{17} use it), weighted by GB 11643.
CREATE MACRO gb11643_sum(id) AS list_dot_product(
  string_split(lpad(regexp_replace(substr(id, 1, 17), '[^0-9]', '0', 'g'), 17, '0'), '')::DOUBLE[],
  [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]::DOUBLE[]);
CREATE MACRO resident_id_valid(id) AS CASE
  WHEN regexp_full_match(upper(id), '\d{17}[0-9X]') AND try_strptime(substr(id, 7, 8), '%Y%m%d') IS NOT NULL
  THEN substr(upper(id), 18, 1) = substr('10X98765432', (gb11643_sum(id)::BIGINT % 11)::INT + 1, 1)
  ELSE false END;
CREATE MACRO id_birth_date(id) AS try_strptime(substr(id, 7, 8), '%Y%m%d')::DATE;
CREATE MACRO id_sex(id) AS CASE WHEN substr(id, 17, 1)::INT % 2 = 1 THEN 'male' ELSE 'female' END;
-- Whether an identity number is accepted (resident IDs pass GB 11643, other types are non-empty);
-- computed once per row as id_ok.
CREATE MACRO id_valid(id_type, id) AS id IS NOT NULL AND id_type IS NOT NULL AND (id_type <> 'resident' OR resident_id_valid(id));
-- The join key standing in for the warehouse's HMAC person_key (NULL when the ID is not accepted).
CREATE MACRO person_key(id_type, id, id_ok) AS CASE WHEN id_ok THEN sha256(id_type || ':' || upper(id)) END;

-- Reason codes (docs/rules.md §1, §7): each macro gives its code or NULL.
CREATE MACRO missing(s) AS CASE WHEN s IS NULL THEN 'MISSING_REQUIRED' END;
CREATE MACRO bad_date(s, d) AS CASE WHEN s IS NOT NULL AND d IS NULL THEN 'BAD_DATE' END;
CREATE MACRO future(d) AS CASE WHEN d::DATE > ${run_date} THEN 'FUTURE_DATE' END;
CREATE MACRO bad_count(s) AS CASE
  WHEN s IS NULL THEN NULL
  WHEN parse_int(s) IS NULL OR parse_int(s) > 2147483647 THEN 'BAD_NUMBER'
  WHEN parse_int(s) < 0 THEN 'NEGATIVE_COUNT' END;
CREATE MACRO unknown_code(s, code) AS CASE WHEN s IS NOT NULL AND code IS NULL THEN 'UNKNOWN_CODE' END;
CREATE MACRO bad_pattern(s, re) AS CASE WHEN s IS NOT NULL AND NOT regexp_full_match(s, re) THEN 'UNKNOWN_CODE' END;
CREATE MACRO bad_id(id_type, id, id_ok) AS CASE WHEN id_type = 'resident' AND id IS NOT NULL AND NOT id_ok THEN 'INVALID_ID_CHECKSUM' END;
CREATE MACRO school_value(s) AS CASE WHEN regexp_full_match(s, '\d{10}') THEN s END;
CREATE MACRO reason_set(l) AS list_sort(list_distinct(list_filter(l, lambda r: r IS NOT NULL)));

-- Schools load first: UNKNOWN_SCHOOL checks the later sources against every accepted schools row.
CREATE TABLE stage_schools AS
WITH t AS (
  SELECT source_file, source_line, cell(school_code) AS school_code_t, cell(school_name) AS school_name,
    cell(school_type) AS school_type_t, cell(district_code) AS district_code_t, cell(district_name) AS district_name,
    cell(city_name) AS city_name, cell(township) AS township, coalesce(cell(directly_managed), 'false') AS directly_managed_t,
    coalesce(cell(boarding), 'false') AS boarding_t, cell(students_enrolled) AS students_enrolled_t,
    cell(staff_count) AS staff_count_t, cell(as_of) AS as_of_t
  FROM with_lineage('schools'))
SELECT source_file, source_line, school_value(school_code_t) AS school_code, school_name,
  school_type_code(school_type_t) AS school_type,
  CASE WHEN regexp_full_match(district_code_t, '\d{6}') THEN district_code_t END AS district_code, district_name, city_name, township,
  bool_value(directly_managed_t) AS directly_managed, bool_value(boarding_t) AS boarding,
  count_value(students_enrolled_t) AS students_enrolled, count_value(staff_count_t) AS staff_count, parse_date(as_of_t) AS as_of,
  reason_set([missing(school_code_t), bad_pattern(school_code_t, '\d{10}'), missing(school_name),
    missing(school_type_t), unknown_code(school_type_t, school_type_code(school_type_t)),
    missing(district_code_t), bad_pattern(district_code_t, '\d{6}'),
    unknown_code(directly_managed_t, bool_value(directly_managed_t)), unknown_code(boarding_t, bool_value(boarding_t)),
    bad_count(students_enrolled_t), bad_count(staff_count_t),
    missing(as_of_t), bad_date(as_of_t, parse_date(as_of_t)), future(parse_date(as_of_t))]) AS reasons
FROM t;

CREATE TABLE known_schools AS SELECT DISTINCT school_code FROM stage_schools WHERE len(reasons) = 0;
CREATE MACRO unknown_school(code) AS CASE
  WHEN code IS NOT NULL AND code NOT IN (SELECT school_code FROM known_schools) THEN 'UNKNOWN_SCHOOL' END;

CREATE TABLE stage_roster AS
WITH t AS (
  SELECT source_file, source_line, cell(id_number) AS id_number, id_type_code(cell(id_type)) AS id_type,
    cell(id_type) AS id_type_t, cell(name) AS name, cell(person_type) AS person_type_t, cell(school_code) AS school_code_t,
    cell(grade) AS grade, cell(class_name) AS class_name, cell(dormitory) AS dormitory, cell(birth_date) AS birth_date_t, cell(sex) AS sex_t,
    coalesce(cell(boarding), 'false') AS boarding_t, coalesce(cell(status), 'active') AS status_t, cell(as_of) AS as_of_t
  FROM with_lineage('roster'))
SELECT source_file, source_line, person_key(id_type, id_number, id_ok) AS person_key, id_type, school_value(school_code_t) AS school_code,
  person_type_code(person_type_t) AS person_type, grade, class_name, dormitory,
  coalesce(parse_date(birth_date_t), CASE WHEN id_type = 'resident' THEN id_birth_date(id_number) END) AS birth_date,
  coalesce(sex_code(sex_t), CASE WHEN id_type = 'resident' THEN id_sex(id_number) END) AS sex,
  bool_value(boarding_t) AS boarding, roster_status_code(status_t) AS status, parse_date(as_of_t) AS as_of,
  reason_set([missing(id_number), unknown_code(id_type_t, id_type), bad_id(id_type, id_number, id_ok), missing(name),
    missing(person_type_t), unknown_code(person_type_t, person_type_code(person_type_t)),
    missing(school_code_t), bad_pattern(school_code_t, '\d{10}'), unknown_school(school_value(school_code_t)),
    bad_date(birth_date_t, parse_date(birth_date_t)), future(parse_date(birth_date_t)), unknown_code(sex_t, sex_code(sex_t)),
    unknown_code(boarding_t, bool_value(boarding_t)), unknown_code(status_t, roster_status_code(status_t)),
    missing(as_of_t), bad_date(as_of_t, parse_date(as_of_t)), future(parse_date(as_of_t))]) AS reasons
FROM (SELECT *, id_valid(id_type, id_number) AS id_ok FROM t);

CREATE TABLE stage_daily_reports AS
WITH t AS (
  SELECT source_file, source_line, cell(report_date) AS report_date_t, cell(school_code) AS school_code_t,
    cell(submitted_at) AS submitted_at_t, cell(students_expected) AS students_expected_t, cell(students_present) AS students_present_t,
    cell(students_absent_illness) AS students_absent_illness_t, cell(students_absent_other) AS students_absent_other_t,
    cell(staff_expected) AS staff_expected_t, cell(staff_absent_illness) AS staff_absent_illness_t,
    cell(fever_cases) AS fever_cases_t, cell(suspected_cases) AS suspected_cases_t, cell(confirmed_cases) AS confirmed_cases_t,
    coalesce(cell(zero_report), 'false') AS zero_report_t
  FROM with_lineage('daily_reports')),
v AS (
  SELECT *, parse_date(report_date_t) AS report_date, school_value(school_code_t) AS school_code, parse_ts(submitted_at_t) AS submitted_at,
    count_value(students_expected_t) AS students_expected, count_value(students_present_t) AS students_present,
    count_value(students_absent_illness_t) AS students_absent_illness, count_value(students_absent_other_t) AS students_absent_other,
    count_value(staff_expected_t) AS staff_expected, count_value(staff_absent_illness_t) AS staff_absent_illness,
    count_value(fever_cases_t) AS fever_cases, count_value(suspected_cases_t) AS suspected_cases,
    count_value(confirmed_cases_t) AS confirmed_cases, bool_value(zero_report_t) AS zero_report
  FROM t)
SELECT source_file, source_line, report_date, school_code, submitted_at, students_expected, students_present,
  students_absent_illness, students_absent_other, staff_expected, staff_absent_illness, fever_cases, suspected_cases,
  confirmed_cases, zero_report,
  reason_set([missing(report_date_t), bad_date(report_date_t, report_date), future(report_date),
    missing(school_code_t), bad_pattern(school_code_t, '\d{10}'), unknown_school(school_code),
    missing(submitted_at_t), bad_date(submitted_at_t, submitted_at), future(submitted_at),
    bad_count(students_expected_t), bad_count(students_present_t), bad_count(students_absent_illness_t),
    bad_count(students_absent_other_t), bad_count(staff_expected_t), bad_count(staff_absent_illness_t),
    bad_count(fever_cases_t), bad_count(suspected_cases_t), bad_count(confirmed_cases_t),
    unknown_code(zero_report_t, zero_report),
    CASE WHEN students_present > students_expected THEN 'PRESENT_GT_EXPECTED' END,
    CASE WHEN coalesce(students_present, 0)::BIGINT + coalesce(students_absent_illness, 0) + coalesce(students_absent_other, 0)
      > students_expected THEN 'ABSENCES_GT_EXPECTED' END]) AS reasons
FROM v;

CREATE TABLE stage_absence_cases AS
WITH t AS (
  SELECT source_file, source_line, cell(report_date) AS report_date_t, cell(school_code) AS school_code_t,
    cell(id_number) AS id_number, id_type_code(cell(id_type)) AS id_type, cell(id_type) AS id_type_t, cell(name) AS name,
    coalesce(cell(person_type), 'student') AS person_type_t, cell(grade) AS grade, cell(class_name) AS class_name,
    cell(dormitory) AS dormitory, cell(onset_date) AS onset_date_t, cell(symptoms) AS symptoms_t, coalesce(cell(diagnosis), 'unknown') AS diagnosis_t,
    cell(visited_doctor) AS visited_doctor_t, coalesce(cell(followed_up), 'false') AS followed_up_t,
    cell(expected_return) AS expected_return_t, cell(submitted_at) AS submitted_at_t
  FROM with_lineage('absence_cases'))
SELECT source_file, source_line, parse_date(report_date_t) AS report_date, school_value(school_code_t) AS school_code,
  person_key(id_type, id_number, id_ok) AS person_key, id_type, person_type_code(person_type_t) AS person_type, grade, class_name,
  dormitory, parse_date(onset_date_t) AS onset_date, symptom_codes(symptoms_t) AS symptoms, diagnosis_code(diagnosis_t) AS diagnosis,
  bool_value(visited_doctor_t) AS visited_doctor, bool_value(followed_up_t) AS followed_up,
  parse_date(expected_return_t) AS expected_return, parse_ts(submitted_at_t) AS submitted_at,
  reason_set([missing(report_date_t), bad_date(report_date_t, parse_date(report_date_t)), future(parse_date(report_date_t)),
    missing(school_code_t), bad_pattern(school_code_t, '\d{10}'), unknown_school(school_value(school_code_t)),
    missing(id_number), unknown_code(id_type_t, id_type), bad_id(id_type, id_number, id_ok), missing(name),
    unknown_code(person_type_t, person_type_code(person_type_t)),
    bad_date(onset_date_t, parse_date(onset_date_t)), future(parse_date(onset_date_t)),
    CASE WHEN symptoms_unknown(symptoms_t) THEN 'UNKNOWN_CODE' END, unknown_code(diagnosis_t, diagnosis_code(diagnosis_t)),
    unknown_code(visited_doctor_t, bool_value(visited_doctor_t)), unknown_code(followed_up_t, bool_value(followed_up_t)),
    bad_date(expected_return_t, parse_date(expected_return_t)),
    bad_date(submitted_at_t, parse_ts(submitted_at_t)), future(parse_ts(submitted_at_t))]) AS reasons
FROM (SELECT *, id_valid(id_type, id_number) AS id_ok FROM t);

CREATE TABLE stage_travel_records AS
WITH t AS (
  SELECT source_file, source_line, cell(record_id) AS record_id, cell(id_number) AS id_number,
    id_type_code(cell(id_type)) AS id_type, cell(id_type) AS id_type_t, cell(name) AS name, cell(person_type) AS person_type_t,
    cell(linked_person_id) AS linked_person_id, cell(linked_person_type) AS linked_person_type_t, cell(school_code) AS school_code_t,
    upper(cell(destination_code)) AS destination_code_t, cell(destination_name) AS destination_name,
    coalesce(cell(abroad), 'false') AS abroad_t, cell(departure_date) AS departure_date_t, cell(return_date) AS return_date_t,
    coalesce(cell(approved), 'pending') AS approved_t, cell(nucleic_test_date) AS nucleic_test_date_t,
    cell(nucleic_test_result) AS nucleic_test_result_t, cell(submitted_at) AS submitted_at_t
  FROM with_lineage('travel_records')),
v AS (
  SELECT *, traveller_type_code(person_type_t) AS person_type, person_key('resident', linked_person_id, linked_ok) AS linked_person_key,
    -- a link without its type is to a student (the column's former meaning)
    CASE WHEN linked_person_type_t IS NULL AND person_key('resident', linked_person_id, linked_ok) IS NOT NULL THEN 'student'
      ELSE linked_person_type_code(linked_person_type_t) END AS linked_person_type,
    CASE WHEN regexp_full_match(destination_code_t, '\d{6}|\d{9}|\d{12}|[A-Z]{2}') THEN destination_code_t END AS destination_code,
    bool_value(abroad_t) AS abroad, parse_date(departure_date_t) AS departure_date, parse_date(return_date_t) AS return_date,
    parse_date(nucleic_test_date_t) AS nucleic_test_date, parse_ts(submitted_at_t) AS submitted_at,
    reason_set([missing(id_number), unknown_code(id_type_t, id_type), bad_id(id_type, id_number, id_ok), missing(name),
      missing(person_type_t), unknown_code(person_type_t, traveller_type_code(person_type_t)),
      bad_id('resident', linked_person_id, linked_ok), unknown_code(linked_person_type_t, linked_person_type_code(linked_person_type_t)),
      -- school_code is required except for household members (who count under the linked person's school)
      CASE WHEN school_code_t IS NULL AND coalesce(traveller_type_code(person_type_t), '') <> 'household' THEN 'MISSING_REQUIRED' END,
      bad_pattern(school_code_t, '\d{10}'), unknown_school(school_value(school_code_t)),
      missing(destination_code_t), bad_pattern(destination_code_t, '\d{6}|\d{9}|\d{12}|[A-Z]{2}'),
      unknown_code(abroad_t, bool_value(abroad_t)),
      missing(departure_date_t), bad_date(departure_date_t, parse_date(departure_date_t)), future(parse_date(departure_date_t)),
      bad_date(return_date_t, parse_date(return_date_t)), future(parse_date(return_date_t)),
      unknown_code(approved_t, approval_code(approved_t)),
      bad_date(nucleic_test_date_t, parse_date(nucleic_test_date_t)), future(parse_date(nucleic_test_date_t)),
      unknown_code(nucleic_test_result_t, test_result_code(nucleic_test_result_t)),
      bad_date(submitted_at_t, parse_ts(submitted_at_t)), future(parse_ts(submitted_at_t))]) AS field_reasons
  FROM (SELECT *, id_valid(id_type, id_number) AS id_ok, id_valid('resident', linked_person_id) AS linked_ok FROM t))
SELECT source_file, source_line, record_id, person_key(id_type, id_number, id_ok) AS person_key, id_type, person_type, linked_person_key,
  school_value(school_code_t) AS school_code, destination_code, destination_name, abroad, departure_date, return_date,
  approval_code(approved_t) AS approved, nucleic_test_date, test_result_code(nucleic_test_result_t) AS nucleic_test_result,
  submitted_at,
  reason_set(field_reasons || [
    CASE WHEN return_date < departure_date THEN 'RETURN_BEFORE_DEPARTURE' END,
    CASE WHEN person_type = 'household' AND linked_person_key IS NULL AND NOT list_contains(field_reasons, 'INVALID_ID_CHECKSUM')
      THEN 'MISSING_REQUIRED' END,
    -- a household member without a school of its own needs its linked person on an accepted roster row of that type
    CASE WHEN person_type = 'household' AND school_code_t IS NULL AND linked_person_key IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM stage_roster r WHERE len(r.reasons) = 0 AND r.person_key = v.linked_person_key
        AND r.person_type = v.linked_person_type)
      THEN 'LINKED_PERSON_UNKNOWN' END,
    CASE WHEN abroad <> regexp_full_match(destination_code, '[A-Z]{2}') THEN 'UNKNOWN_CODE' END]) AS reasons
FROM v;

CREATE TABLE stage_risk_areas AS
WITH t AS (
  SELECT source_file, source_line, cell(area_code) AS area_code_t, cell(area_name) AS area_name, cell(risk_level) AS risk_level_t,
    cell(effective_from) AS effective_from_t, cell(effective_to) AS effective_to_t, cell(announced_at) AS announced_at_t
  FROM with_lineage('risk_areas'))
SELECT source_file, source_line,
  CASE WHEN regexp_full_match(area_code_t, '\d{6}|\d{9}|\d{12}') THEN area_code_t END AS area_code, area_name,
  risk_level_code(risk_level_t) AS risk_level, parse_date(effective_from_t) AS effective_from,
  parse_date(effective_to_t) AS effective_to, parse_ts(announced_at_t) AS announced_at,
  reason_set([missing(area_code_t), bad_pattern(area_code_t, '\d{6}|\d{9}|\d{12}'),
    missing(risk_level_t), unknown_code(risk_level_t, risk_level_code(risk_level_t)),
    bad_date(effective_from_t, parse_date(effective_from_t)), bad_date(effective_to_t, parse_date(effective_to_t)),
    bad_date(announced_at_t, parse_ts(announced_at_t)), future(parse_ts(announced_at_t))]) AS reasons
FROM t;

CREATE TABLE stage_vaccinations AS
WITH t AS (
  SELECT source_file, source_line, cell(id_number) AS id_number, id_type_code(cell(id_type)) AS id_type, cell(id_type) AS id_type_t,
    cell(name) AS name, cell(school_code) AS school_code_t, cell(person_type) AS person_type_t, cell(dose_number) AS dose_number_t,
    cell(vaccination_date) AS vaccination_date_t, cell(vaccine_product) AS vaccine_product, cell(manufacturer) AS manufacturer,
    cell(batch_no) AS batch_no, cell(site) AS site
  FROM with_lineage('vaccinations'))
SELECT source_file, source_line, person_key(id_type, id_number, id_ok) AS person_key, id_type, school_value(school_code_t) AS school_code,
  person_type_code(person_type_t) AS person_type,
  CASE WHEN parse_int(dose_number_t) BETWEEN 1 AND 4 THEN parse_int(dose_number_t)::INT END AS dose_number,
  parse_date(vaccination_date_t) AS vaccination_date, vaccine_product, manufacturer, batch_no, site,
  reason_set([missing(id_number), unknown_code(id_type_t, id_type), bad_id(id_type, id_number, id_ok), missing(name),
    missing(school_code_t), bad_pattern(school_code_t, '\d{10}'), unknown_school(school_value(school_code_t)),
    unknown_code(person_type_t, person_type_code(person_type_t)),
    missing(dose_number_t), CASE WHEN dose_number_t IS NOT NULL AND coalesce(parse_int(dose_number_t) NOT BETWEEN 1 AND 4, true)
      THEN 'UNKNOWN_CODE' END,
    missing(vaccination_date_t), bad_date(vaccination_date_t, parse_date(vaccination_date_t)), future(parse_date(vaccination_date_t)),
    missing(vaccine_product)]) AS reasons
FROM (SELECT *, id_valid(id_type, id_number) AS id_ok FROM t);

CREATE TABLE stage_contraindications AS
WITH t AS (
  SELECT source_file, source_line, cell(id_number) AS id_number, id_type_code(cell(id_type)) AS id_type, cell(id_type) AS id_type_t,
    cell(school_code) AS school_code_t, cell(reason) AS reason, cell(valid_until) AS valid_until_t, cell(recorded_at) AS recorded_at_t
  FROM with_lineage('contraindications'))
SELECT source_file, source_line, person_key(id_type, id_number, id_ok) AS person_key, id_type, school_value(school_code_t) AS school_code,
  reason, parse_date(valid_until_t) AS valid_until, parse_ts(recorded_at_t) AS recorded_at,
  reason_set([missing(id_number), unknown_code(id_type_t, id_type), bad_id(id_type, id_number, id_ok),
    missing(school_code_t), bad_pattern(school_code_t, '\d{10}'), unknown_school(school_value(school_code_t)),
    bad_date(valid_until_t, parse_date(valid_until_t)),
    bad_date(recorded_at_t, parse_ts(recorded_at_t)), future(parse_ts(recorded_at_t))]) AS reasons
FROM (SELECT *, id_valid(id_type, id_number) AS id_ok FROM t);

CREATE TABLE stage_safety_incidents AS
WITH t AS (
  SELECT source_file, source_line, cell(incident_id) AS incident_id, cell(incident_date) AS incident_date_t,
    cell(school_code) AS school_code_t, cell(district_code) AS district_code_t, cell(incident_type) AS incident_type_t,
    cell(on_campus) AS on_campus_t, cell(deaths) AS deaths_t, cell(injured) AS injured_t,
    cell(students_involved) AS students_involved_t, cell(reported_at) AS reported_at_t, cell(submitted_at) AS submitted_at_t
  FROM with_lineage('safety_incidents')),
v AS (
  SELECT *, parse_date(incident_date_t) AS incident_date, parse_ts(reported_at_t) AS reported_at,
    parse_ts(submitted_at_t) AS submitted_at FROM t)
SELECT source_file, source_line, incident_id, incident_date, school_value(school_code_t) AS school_code,
  CASE WHEN regexp_full_match(district_code_t, '\d{6}') THEN district_code_t END AS district_code,
  incident_type_code(incident_type_t) AS incident_type, bool_value(on_campus_t) AS on_campus,
  count_value(deaths_t) AS deaths, count_value(injured_t) AS injured, count_value(students_involved_t) AS students_involved,
  reported_at, submitted_at,
  reason_set([missing(incident_id), missing(incident_date_t), bad_date(incident_date_t, incident_date), future(incident_date),
    bad_pattern(school_code_t, '\d{10}'), unknown_school(school_value(school_code_t)),
    missing(district_code_t), bad_pattern(district_code_t, '\d{6}'),
    missing(incident_type_t), unknown_code(incident_type_t, incident_type_code(incident_type_t)),
    unknown_code(on_campus_t, bool_value(on_campus_t)),
    bad_count(deaths_t), bad_count(injured_t), bad_count(students_involved_t),
    missing(reported_at_t), bad_date(reported_at_t, reported_at), future(reported_at),
    bad_date(submitted_at_t, submitted_at), future(submitted_at),
    CASE WHEN reported_at::DATE < incident_date THEN 'REPORTED_BEFORE_INCIDENT' END]) AS reasons
FROM v;

CREATE TABLE stage_alert_responses AS
WITH t AS (
  SELECT source_file, source_line, cell(alert_id) AS alert_id_t, coalesce(cell(verified), 'pending') AS verified_t,
    cell(reported_to_cdc_at) AS cdc_t, cell(reported_to_bureau_at) AS bureau_t, cell(actions) AS actions_t,
    cell(suspension_from) AS sfrom_t, cell(suspension_to) AS sto_t, cell(closed_at) AS closed_t, cell(note) AS note,
    cell(submitted_at) AS submitted_t
  FROM with_lineage('alert_responses'))
SELECT source_file, source_line, alert_id_t AS alert_id, verification_code(verified_t) AS verified,
  parse_ts(cdc_t) AS reported_to_cdc_at, parse_ts(bureau_t) AS reported_to_bureau_at, action_codes(actions_t) AS actions,
  parse_date(sfrom_t) AS suspension_from, parse_date(sto_t) AS suspension_to, parse_ts(closed_t) AS closed_at, note,
  parse_ts(submitted_t) AS submitted_at,
  reason_set([missing(alert_id_t), unknown_code(verified_t, verification_code(verified_t)),
    CASE WHEN actions_unknown(actions_t) THEN 'UNKNOWN_CODE' END,
    bad_date(cdc_t, parse_ts(cdc_t)), future(parse_ts(cdc_t)), bad_date(bureau_t, parse_ts(bureau_t)), future(parse_ts(bureau_t)),
    bad_date(sfrom_t, parse_date(sfrom_t)), bad_date(sto_t, parse_date(sto_t)),
    bad_date(closed_t, parse_ts(closed_t)), future(parse_ts(closed_t)),
    bad_date(submitted_t, parse_ts(submitted_t)), future(parse_ts(submitted_t))]) AS reasons
FROM t;

-- Inspections and findings (docs/rules.md §2.11): the row checks of ingest only; UNKNOWN_INSPECTION
-- and the findings' BAD_DATE against the inspection are the metrics stage's (not in this peer).
CREATE TABLE stage_inspections AS
WITH t AS (
  SELECT source_file, source_line, cell(inspection_id) AS inspection_id, cell(inspection_date) AS inspection_date_t,
    cell(team) AS team, cell(mode) AS mode_t, cell(scope) AS scope_t, cell(district_code) AS district_code_t,
    cell(school_code) AS school_code_t, cell(institution_name) AS institution_name, cell(submitted_at) AS submitted_at_t
  FROM with_lineage('inspections')),
v AS (
  SELECT *, parse_date(inspection_date_t) AS inspection_date, parse_ts(submitted_at_t) AS submitted_at FROM t)
SELECT source_file, source_line, inspection_id, inspection_date, team, inspection_mode_code(mode_t) AS mode,
  inspection_scope_code(scope_t) AS scope,
  CASE WHEN regexp_full_match(district_code_t, '\d{6}') THEN district_code_t END AS district_code,
  school_value(school_code_t) AS school_code, institution_name, submitted_at,
  reason_set([missing(inspection_id), missing(inspection_date_t), bad_date(inspection_date_t, inspection_date), future(inspection_date),
    missing(mode_t), unknown_code(mode_t, inspection_mode_code(mode_t)),
    missing(scope_t), unknown_code(scope_t, inspection_scope_code(scope_t)),
    missing(district_code_t), bad_pattern(district_code_t, '\d{6}'),
    bad_pattern(school_code_t, '\d{10}'), unknown_school(school_value(school_code_t)),
    bad_date(submitted_at_t, submitted_at), future(submitted_at)]) AS reasons
FROM v;

CREATE TABLE stage_findings AS
WITH t AS (
  SELECT source_file, source_line, cell(finding_id) AS finding_id, cell(inspection_id) AS inspection_id,
    cell(category) AS category_t, cell(severity) AS severity_t, cell(description) AS description,
    cell(deadline) AS deadline_t, cell(rectified_date) AS rectified_date_t, cell(verified_by) AS verified_by,
    cell(submitted_at) AS submitted_at_t
  FROM with_lineage('findings')),
v AS (
  SELECT *, parse_date(deadline_t) AS deadline, parse_date(rectified_date_t) AS rectified_date,
    parse_ts(submitted_at_t) AS submitted_at FROM t)
SELECT source_file, source_line, finding_id, inspection_id, finding_category_code(category_t) AS category,
  severity_code(severity_t) AS severity, description, deadline, rectified_date, verified_by, submitted_at,
  reason_set([missing(finding_id), missing(inspection_id),
    missing(category_t), unknown_code(category_t, finding_category_code(category_t)),
    missing(severity_t), unknown_code(severity_t, severity_code(severity_t)),
    bad_date(deadline_t, deadline), bad_date(rectified_date_t, rectified_date), future(rectified_date),
    bad_date(submitted_at_t, submitted_at), future(submitted_at)]) AS reasons
FROM v;

-- Campus stays (docs/rules.md §2.12): a student's holiday stay on campus. stay_from and stay_to
-- are never FUTURE_DATE (a stay is applied for ahead); stay_to before stay_from is BAD_DATE; the
-- student must be on an accepted roster row of the same school as a student (any snapshot:
-- rosters load first), else UNKNOWN_PERSON, which a row whose ID failed its check does not get.
CREATE TABLE stage_campus_stays AS
WITH t AS (
  SELECT source_file, source_line, cell(school_code) AS school_code_t, cell(id_number) AS id_number,
    id_type_code(cell(id_type)) AS id_type, cell(id_type) AS id_type_t, cell(name) AS name, cell(grade) AS grade,
    cell(class_name) AS class_name, cell(dormitory) AS dormitory, cell(reason) AS reason, cell(applied_at) AS applied_at_t,
    coalesce(cell(approved), 'pending') AS approved_t, cell(approved_by) AS approved_by, cell(stay_from) AS stay_from_t,
    cell(stay_to) AS stay_to_t, coalesce(cell(guardian_contact_ok), 'false') AS guardian_t, cell(submitted_at) AS submitted_at_t
  FROM with_lineage('campus_stays')),
v AS (
  SELECT *, school_value(school_code_t) AS school_code, person_key(id_type, id_number, id_ok) AS person_key,
    parse_ts(applied_at_t) AS applied_at, parse_date(stay_from_t) AS stay_from, parse_date(stay_to_t) AS stay_to,
    parse_ts(submitted_at_t) AS submitted_at
  FROM (SELECT *, id_valid(id_type, id_number) AS id_ok FROM t))
SELECT source_file, source_line, school_code, person_key, id_type, grade, class_name, dormitory, reason, applied_at,
  approval_code(approved_t) AS approved, approved_by, stay_from, stay_to, bool_value(guardian_t) AS guardian_contact_ok, submitted_at,
  reason_set([missing(school_code_t), bad_pattern(school_code_t, '\d{10}'), unknown_school(school_code),
    missing(id_number), unknown_code(id_type_t, id_type), bad_id(id_type, id_number, id_ok), missing(name),
    bad_date(applied_at_t, applied_at), future(applied_at), unknown_code(approved_t, approval_code(approved_t)),
    missing(stay_from_t), bad_date(stay_from_t, stay_from), bad_date(stay_to_t, stay_to),
    unknown_code(guardian_t, bool_value(guardian_t)),
    bad_date(submitted_at_t, submitted_at), future(submitted_at),
    CASE WHEN stay_to < stay_from THEN 'BAD_DATE' END,
    CASE WHEN person_key IS NOT NULL AND school_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM stage_roster r WHERE len(r.reasons) = 0 AND r.person_key = v.person_key
        AND r.school_code = v.school_code AND r.person_type = 'student')
      THEN 'UNKNOWN_PERSON' END]) AS reasons
FROM v;

-- Return batches (docs/rules.md §2.14): the three columns required, the batch date never
-- FUTURE_DATE; the grade must be that of a student on an accepted roster row of the same school
-- (any snapshot: rosters load first), else UNKNOWN_GRADE.
CREATE TABLE stage_return_batches AS
WITH t AS (
  SELECT source_file, source_line, cell(school_code) AS school_code_t, cell(grade) AS grade,
    cell(batch_start_date) AS batch_start_date_t
  FROM with_lineage('return_batches')),
v AS (
  SELECT *, school_value(school_code_t) AS school_code, parse_date(batch_start_date_t) AS batch_start_date FROM t)
SELECT source_file, source_line, school_code, grade, batch_start_date,
  reason_set([missing(school_code_t), bad_pattern(school_code_t, '\d{10}'), unknown_school(school_code),
    missing(grade), missing(batch_start_date_t), bad_date(batch_start_date_t, batch_start_date),
    CASE WHEN school_code IS NOT NULL AND grade IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM stage_roster r WHERE len(r.reasons) = 0 AND r.school_code = v.school_code
        AND r.grade = v.grade AND r.person_type = 'student')
      THEN 'UNKNOWN_GRADE' END]) AS reasons
FROM v;

-- What ingest would put in ops.quarantine (without the masked raw line).
CREATE TABLE quarantine AS
  SELECT 'schools' AS source, source_file, source_line, reasons FROM stage_schools WHERE len(reasons) > 0
  UNION ALL SELECT 'roster', source_file, source_line, reasons FROM stage_roster WHERE len(reasons) > 0
  UNION ALL SELECT 'daily_reports', source_file, source_line, reasons FROM stage_daily_reports WHERE len(reasons) > 0
  UNION ALL SELECT 'absence_cases', source_file, source_line, reasons FROM stage_absence_cases WHERE len(reasons) > 0
  UNION ALL SELECT 'travel_records', source_file, source_line, reasons FROM stage_travel_records WHERE len(reasons) > 0
  UNION ALL SELECT 'risk_areas', source_file, source_line, reasons FROM stage_risk_areas WHERE len(reasons) > 0
  UNION ALL SELECT 'vaccinations', source_file, source_line, reasons FROM stage_vaccinations WHERE len(reasons) > 0
  UNION ALL SELECT 'contraindications', source_file, source_line, reasons FROM stage_contraindications WHERE len(reasons) > 0
  UNION ALL SELECT 'safety_incidents', source_file, source_line, reasons FROM stage_safety_incidents WHERE len(reasons) > 0
  UNION ALL SELECT 'alert_responses', source_file, source_line, reasons FROM stage_alert_responses WHERE len(reasons) > 0
  UNION ALL SELECT 'inspections', source_file, source_line, reasons FROM stage_inspections WHERE len(reasons) > 0
  UNION ALL SELECT 'findings', source_file, source_line, reasons FROM stage_findings WHERE len(reasons) > 0
  UNION ALL SELECT 'campus_stays', source_file, source_line, reasons FROM stage_campus_stays WHERE len(reasons) > 0
  UNION ALL SELECT 'return_batches', source_file, source_line, reasons FROM stage_return_batches WHERE len(reasons) > 0;

-- The accepted rows: bronze of the warehouse.
CREATE VIEW bronze_schools AS SELECT * EXCLUDE (reasons) FROM stage_schools WHERE len(reasons) = 0;
CREATE VIEW bronze_roster AS SELECT * EXCLUDE (reasons) FROM stage_roster WHERE len(reasons) = 0;
CREATE VIEW bronze_daily_reports AS SELECT * EXCLUDE (reasons) FROM stage_daily_reports WHERE len(reasons) = 0;
CREATE VIEW bronze_absence_cases AS SELECT * EXCLUDE (reasons) FROM stage_absence_cases WHERE len(reasons) = 0;
CREATE VIEW bronze_travel_records AS SELECT * EXCLUDE (reasons) FROM stage_travel_records WHERE len(reasons) = 0;
CREATE VIEW bronze_risk_areas AS SELECT * EXCLUDE (reasons) FROM stage_risk_areas WHERE len(reasons) = 0;
CREATE VIEW bronze_vaccinations AS SELECT * EXCLUDE (reasons) FROM stage_vaccinations WHERE len(reasons) = 0;
CREATE VIEW bronze_contraindications AS SELECT * EXCLUDE (reasons) FROM stage_contraindications WHERE len(reasons) = 0;
CREATE VIEW bronze_safety_incidents AS SELECT * EXCLUDE (reasons) FROM stage_safety_incidents WHERE len(reasons) = 0;
CREATE VIEW bronze_alert_responses AS SELECT * EXCLUDE (reasons) FROM stage_alert_responses WHERE len(reasons) = 0;
CREATE VIEW bronze_inspections AS SELECT * EXCLUDE (reasons) FROM stage_inspections WHERE len(reasons) = 0;
CREATE VIEW bronze_findings AS SELECT * EXCLUDE (reasons) FROM stage_findings WHERE len(reasons) = 0;
CREATE VIEW bronze_campus_stays AS SELECT * EXCLUDE (reasons) FROM stage_campus_stays WHERE len(reasons) = 0;
CREATE VIEW bronze_return_batches AS SELECT * EXCLUDE (reasons) FROM stage_return_batches WHERE len(reasons) = 0;

-- step: silver
-- Latest wins (silver/Latest.java): per natural key the latest ordering column (submitted_at,
-- announced_at, recorded_at; NULL last), then the later file in file-name byte order, then the
-- later line. DuckDB compares VARCHAR by bytes, and the inbox paths of one source share their folder.

-- Schools, type 2 (silver/SchoolsDimension.java, Dimensions.java): snapshots numbered by as_of;
-- a new row when the school was absent from the previous snapshot or an attribute changed;
-- valid_to (exclusive) = as_of of the snapshot after the row's last one.
CREATE TABLE silver_schools AS
WITH latest AS (
  SELECT *, substr(district_code, 1, 4) || '00' AS city_code FROM bronze_schools
  QUALIFY row_number() OVER (PARTITION BY school_code, as_of ORDER BY source_file DESC, source_line DESC) = 1),
snapshots AS (
  SELECT as_of, dense_rank() OVER (ORDER BY as_of) AS idx, lead(as_of) OVER (ORDER BY as_of) AS next_as_of
  FROM (SELECT DISTINCT as_of FROM latest)),
marked AS (
  SELECT l.*, s.idx, s.next_as_of,
    CASE WHEN lag(s.idx) OVER w IS NULL OR lag(s.idx) OVER w <> s.idx - 1
      OR (lag(school_name) OVER w, lag(school_type) OVER w, lag(district_code) OVER w, lag(district_name) OVER w,
          lag(city_code) OVER w, lag(city_name) OVER w, lag(township) OVER w, lag(directly_managed) OVER w, lag(boarding) OVER w,
          lag(students_enrolled) OVER w, lag(staff_count) OVER w)
        IS DISTINCT FROM (school_name, school_type, district_code, district_name, city_code, city_name, township, directly_managed,
          boarding, students_enrolled, staff_count)
      THEN 1 ELSE 0 END AS is_new
  FROM latest l JOIN snapshots s USING (as_of)
  WINDOW w AS (PARTITION BY school_code ORDER BY as_of)),
versioned AS (
  SELECT *, sum(is_new) OVER (PARTITION BY school_code ORDER BY as_of ROWS UNBOUNDED PRECEDING) AS version FROM marked)
SELECT school_code, any_value(school_name) AS school_name, any_value(school_type) AS school_type,
  any_value(district_code) AS district_code, any_value(district_name) AS district_name, any_value(city_code) AS city_code,
  any_value(city_name) AS city_name, any_value(township) AS township, any_value(directly_managed) AS directly_managed, any_value(boarding) AS boarding,
  any_value(students_enrolled) AS students_enrolled, any_value(staff_count) AS staff_count,
  min(as_of) AS valid_from, arg_max_null(next_as_of, as_of) AS valid_to, arg_max_null(next_as_of, as_of) IS NULL AS is_current
FROM versioned GROUP BY school_code, version;

-- Roster per person and school (silver/RosterDimension.java): the same type 2, with the
-- snapshots numbered per school.
CREATE TABLE silver_roster AS
WITH latest AS (
  SELECT * FROM bronze_roster
  QUALIFY row_number() OVER (PARTITION BY person_key, school_code, as_of ORDER BY source_file DESC, source_line DESC) = 1),
snapshots AS (
  SELECT school_code, as_of, dense_rank() OVER (PARTITION BY school_code ORDER BY as_of) AS idx,
    lead(as_of) OVER (PARTITION BY school_code ORDER BY as_of) AS next_as_of
  FROM (SELECT DISTINCT school_code, as_of FROM latest)),
marked AS (
  SELECT l.*, s.idx, s.next_as_of,
    CASE WHEN lag(s.idx) OVER w IS NULL OR lag(s.idx) OVER w <> s.idx - 1
      OR (lag(id_type) OVER w, lag(person_type) OVER w, lag(grade) OVER w, lag(class_name) OVER w, lag(dormitory) OVER w,
          lag(birth_date) OVER w, lag(sex) OVER w, lag(boarding) OVER w, lag(status) OVER w)
        IS DISTINCT FROM (id_type, person_type, grade, class_name, dormitory, birth_date, sex, boarding, status)
      THEN 1 ELSE 0 END AS is_new
  FROM latest l JOIN snapshots s USING (school_code, as_of)
  WINDOW w AS (PARTITION BY person_key, school_code ORDER BY as_of)),
versioned AS (
  SELECT *, sum(is_new) OVER (PARTITION BY person_key, school_code ORDER BY as_of ROWS UNBOUNDED PRECEDING) AS version FROM marked)
SELECT person_key, any_value(id_type) AS id_type, school_code, any_value(person_type) AS person_type, any_value(grade) AS grade,
  any_value(class_name) AS class_name, any_value(dormitory) AS dormitory, any_value(birth_date) AS birth_date, any_value(sex) AS sex,
  any_value(boarding) AS boarding, any_value(status) AS status,
  min(as_of) AS valid_from, arg_max_null(next_as_of, as_of) AS valid_to, arg_max_null(next_as_of, as_of) IS NULL AS is_current
FROM versioned GROUP BY person_key, school_code, version;

-- Daily reports (silver/DailyReportsSilver.java): latest version; first_submitted_at and the
-- number of versions over every accepted submission of the key.
CREATE TABLE silver_daily_reports AS
SELECT report_date, school_code, submitted_at,
  min(submitted_at) OVER k AS first_submitted_at, (count(*) OVER k)::INT AS versions,
  students_expected, students_present, students_absent_illness, students_absent_other, staff_expected, staff_absent_illness,
  fever_cases, suspected_cases, confirmed_cases, zero_report,
  coalesce(zero_report, false) AND coalesce(students_absent_illness, 0) + coalesce(staff_absent_illness, 0) + coalesce(fever_cases, 0)
    + coalesce(suspected_cases, 0) + coalesce(confirmed_cases, 0) > 0 AS zero_report_contradiction,
  source_file, source_line
FROM bronze_daily_reports
WINDOW k AS (PARTITION BY report_date, school_code)
QUALIFY row_number() OVER (PARTITION BY report_date, school_code
  ORDER BY submitted_at DESC NULLS LAST, source_file DESC, source_line DESC) = 1;

-- Line list (silver/AbsenceCasesSilver.java); symptom group, first match wins (docs/rules.md §4.3);
-- first_submitted_at over every accepted version of the row.
CREATE MACRO symptom_group(s) AS CASE
  WHEN list_contains(s, 'rash') THEN 'rash'
  WHEN list_contains(s, 'parotid_swelling') THEN 'parotitis'
  WHEN list_contains(s, 'conjunctival_congestion') THEN 'conjunctivitis'
  WHEN list_contains(s, 'diarrhea') OR list_contains(s, 'vomiting') THEN 'gi'
  WHEN list_contains(s, 'fever') AND (list_contains(s, 'cough') OR list_contains(s, 'sore_throat')) THEN 'ili'
  WHEN list_contains(s, 'fever') THEN 'fever'
  WHEN list_contains(s, 'cough') OR list_contains(s, 'sore_throat') OR list_contains(s, 'runny_nose') THEN 'respiratory'
  ELSE 'other' END;

CREATE TABLE silver_absence_cases AS
SELECT report_date, school_code, person_key, id_type, person_type, grade, class_name, dormitory, onset_date, symptoms,
  symptom_group(coalesce(symptoms, []::VARCHAR[])) AS symptom_group, diagnosis, visited_doctor, followed_up, expected_return,
  submitted_at, source_file, source_line,
  min(submitted_at) OVER (PARTITION BY report_date, school_code, person_key) AS first_submitted_at
FROM bronze_absence_cases
QUALIFY row_number() OVER (PARTITION BY report_date, school_code, person_key
  ORDER BY submitted_at DESC NULLS LAST, source_file DESC, source_line DESC) = 1;

-- Travel (silver/TravelSilver.java): household members count under the school of the linked
-- student's current roster row, else the latest one, else the school as reported.
CREATE TABLE silver_travel_records AS
WITH keyed AS (
  SELECT *, coalesce(record_id, concat_ws('|', person_key, departure_date::VARCHAR, destination_code)) AS record_key
  FROM bronze_travel_records),
latest AS (
  SELECT * FROM keyed
  QUALIFY row_number() OVER (PARTITION BY record_key ORDER BY submitted_at DESC NULLS LAST, source_file DESC, source_line DESC) = 1),
student_school AS (
  SELECT person_key, school_code FROM silver_roster
  QUALIFY row_number() OVER (PARTITION BY person_key ORDER BY is_current DESC, valid_from DESC, school_code) = 1)
SELECT l.record_key, l.record_id, l.person_key, l.id_type, l.person_type, l.linked_person_key, l.school_code,
  CASE WHEN l.person_type = 'household' THEN coalesce(s.school_code, l.school_code) ELSE l.school_code END AS attributed_school_code,
  l.destination_code, l.destination_name, l.abroad, l.departure_date, l.return_date, l.approved, l.nucleic_test_date,
  l.nucleic_test_result, l.submitted_at, l.source_file, l.source_line
FROM latest l LEFT JOIN student_school s ON s.person_key = l.linked_person_key;

-- Risk periods (silver/RiskAreasSilver.java): a period ends at effective_to or the day before
-- the next period of the area, whichever is earlier (both ends inclusive).
CREATE TABLE silver_risk_areas AS
WITH latest AS (
  SELECT * FROM bronze_risk_areas
  QUALIFY row_number() OVER (PARTITION BY area_code, effective_from
    ORDER BY announced_at DESC NULLS LAST, source_file DESC, source_line DESC) = 1),
periods AS (
  SELECT *, (lead(effective_from) OVER (PARTITION BY area_code ORDER BY effective_from NULLS FIRST) - 1)::DATE AS day_before_next
  FROM latest)
SELECT area_code, area_name, risk_level, effective_from, effective_to, effective_from AS period_from,
  CASE WHEN day_before_next IS NULL THEN effective_to ELSE least(coalesce(effective_to, day_before_next), day_before_next) END AS period_to,
  announced_at,
  CASE WHEN day_before_next IS NULL THEN effective_to ELSE least(coalesce(effective_to, day_before_next), day_before_next) END IS NULL
    AS is_current
FROM periods;

-- Vaccinations (silver/VaccinationsSilver.java): latest per (person, dose) by file and line;
-- product = first product in conf order whose match string is in vaccine_product or
-- manufacturer (case-insensitive); flags from the person's previous dose and dose 1's interval.
CREATE TABLE silver_vaccinations AS
WITH latest AS (
  SELECT *, lower(concat_ws(' ', coalesce(vaccine_product, ''), coalesce(manufacturer, ''))) AS product_text FROM bronze_vaccinations
  QUALIFY row_number() OVER (PARTITION BY person_key, dose_number ORDER BY source_file DESC, source_line DESC) = 1),
products AS (
  SELECT * FROM ${vaccine_products}),
matched AS (
  SELECT l.person_key, l.dose_number, arg_min(p.product, p.product_rank) AS product,
    arg_min(p.series_doses, p.product_rank) AS series_doses, arg_min(p.min_interval_days, p.product_rank) AS min_interval_days
  FROM latest l JOIN products p ON contains(l.product_text, p.match)
  GROUP BY l.person_key, l.dose_number),
doses AS (
  SELECT l.*, m.product, m.series_doses, m.min_interval_days,
    lag(l.dose_number) OVER (PARTITION BY l.person_key ORDER BY l.dose_number) AS prev_dose,
    lag(l.vaccination_date) OVER (PARTITION BY l.person_key ORDER BY l.dose_number) AS prev_date,
    max(CASE WHEN l.dose_number = 1 THEN m.min_interval_days END) OVER (PARTITION BY l.person_key) AS dose1_interval
  FROM latest l LEFT JOIN matched m USING (person_key, dose_number)),
roster_persons AS (
  SELECT DISTINCT person_key FROM bronze_roster)
SELECT d.person_key, id_type, school_code, person_type, dose_number, vaccination_date, vaccine_product, manufacturer, batch_no, site,
  product, series_doses, min_interval_days,
  list_filter([
    CASE WHEN dose_number > 1 AND prev_dose = dose_number - 1 AND vaccination_date - prev_date < coalesce(dose1_interval, 0)
      THEN 'INTERVAL_TOO_SHORT' END,
    CASE WHEN dose_number > 1 AND (prev_dose IS NULL OR prev_dose <> dose_number - 1) THEN 'MISSING_PRIOR_DOSE' END,
    CASE WHEN r.person_key IS NULL THEN 'NOT_ON_ROSTER' END], lambda f: f IS NOT NULL) AS flags,
  NULL::TIMESTAMP AS submitted_at, source_file, source_line
FROM doses d LEFT JOIN roster_persons r ON r.person_key = d.person_key;

-- Contraindications (silver/ContraindicationsSilver.java): latest per person by recorded_at.
CREATE TABLE silver_contraindications AS
SELECT person_key, id_type, school_code, reason, valid_until, recorded_at, source_file, source_line
FROM bronze_contraindications
QUALIFY row_number() OVER (PARTITION BY person_key ORDER BY recorded_at DESC NULLS LAST, source_file DESC, source_line DESC) = 1;

-- Safety incidents (silver/SafetyIncidentsSilver.java): latest per incident_id.
CREATE TABLE silver_safety_incidents AS
SELECT incident_id, incident_date, school_code, district_code, incident_type, on_campus, deaths, injured, students_involved,
  reported_at, submitted_at, source_file, source_line
FROM bronze_safety_incidents
QUALIFY row_number() OVER (PARTITION BY incident_id ORDER BY submitted_at DESC NULLS LAST, source_file DESC, source_line DESC) = 1;

-- Alert responses (silver/AlertResponsesSilver.java): latest per alert_id (trimmed, lower case) by
-- submitted_at. The peer reads transcoded copies, so source_sha256 is left empty.
CREATE TABLE silver_alert_responses AS
SELECT lower(trim(alert_id)) AS alert_id, verified, reported_to_cdc_at, reported_to_bureau_at, actions, suspension_from,
  suspension_to, closed_at, note, submitted_at, source_file, source_line, ''::VARCHAR AS source_sha256
FROM bronze_alert_responses
QUALIFY row_number() OVER (PARTITION BY lower(trim(alert_id)) ORDER BY submitted_at DESC NULLS LAST, source_file DESC, source_line DESC) = 1;

-- Inspections and findings (silver/InspectionsSilver.java): latest per inspection_id and per
-- finding_id. The peer reads transcoded copies, so source_sha256 is left empty.
CREATE TABLE silver_inspections AS
SELECT inspection_id, inspection_date, team, mode, scope, district_code, school_code, institution_name, submitted_at,
  source_file, source_line, ''::VARCHAR AS source_sha256
FROM bronze_inspections
QUALIFY row_number() OVER (PARTITION BY inspection_id ORDER BY submitted_at DESC NULLS LAST, source_file DESC, source_line DESC) = 1;

CREATE TABLE silver_findings AS
SELECT finding_id, inspection_id, category, severity, description, deadline, rectified_date, verified_by, submitted_at,
  source_file, source_line, ''::VARCHAR AS source_sha256
FROM bronze_findings
QUALIFY row_number() OVER (PARTITION BY finding_id ORDER BY submitted_at DESC NULLS LAST, source_file DESC, source_line DESC) = 1;

-- Campus stays (docs/rules.md §2.12): latest version per (school_code, person, stay_from) by
-- submitted_at, then the later file and line.
CREATE TABLE silver_campus_stays AS
SELECT school_code, person_key, id_type, grade, class_name, dormitory, reason, applied_at, approved, approved_by, stay_from, stay_to,
  guardian_contact_ok, submitted_at, source_file, source_line
FROM bronze_campus_stays
QUALIFY row_number() OVER (PARTITION BY school_code, person_key, stay_from
  ORDER BY submitted_at DESC NULLS LAST, source_file DESC, source_line DESC) = 1;

-- Return batches (docs/rules.md §2.14): one row per (school_code, grade, batch_start_date), the
-- later file and line of repeated rows.
CREATE TABLE silver_return_batches AS
SELECT school_code, grade, batch_start_date, source_file, source_line
FROM bronze_return_batches
QUALIFY row_number() OVER (PARTITION BY school_code, grade, batch_start_date ORDER BY source_file DESC, source_line DESC) = 1;
