package io.epiwatch.contract;

import static io.epiwatch.contract.ColumnType.BOOLEAN;
import static io.epiwatch.contract.ColumnType.CODE;
import static io.epiwatch.contract.ColumnType.CODE_LIST;
import static io.epiwatch.contract.ColumnType.COUNT;
import static io.epiwatch.contract.ColumnType.DATE;
import static io.epiwatch.contract.ColumnType.DESTINATION_CODE;
import static io.epiwatch.contract.ColumnType.DIVISION_CODE;
import static io.epiwatch.contract.ColumnType.DIVISION_CODE_6;
import static io.epiwatch.contract.ColumnType.DOSE_NUMBER;
import static io.epiwatch.contract.ColumnType.ID_NUMBER;
import static io.epiwatch.contract.ColumnType.SCHOOL_CODE;
import static io.epiwatch.contract.ColumnType.STRING;
import static io.epiwatch.contract.ColumnType.TIMESTAMP;

import io.epiwatch.common.Coded;
import io.epiwatch.common.FindingCategory;
import io.epiwatch.common.IncidentType;
import io.epiwatch.common.InspectionMode;
import io.epiwatch.common.InspectionScope;
import io.epiwatch.common.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sources of docs/rules.md §2 (the contract's eight and the optional safety incidents and alert
 * responses), with their English names, Chinese aliases, required flags and vocabularies. Order
 * matters: schools load first (UNKNOWN_SCHOOL).
 */
public final class Sources {
  private Sources() {}

  /** id_type of a row whose id_type cell is empty: a GB 11643 resident ID. */
  public static final String RESIDENT = "resident";

  // ------------------------------------------------------------------ vocabularies
  public static final Vocabulary ID_TYPE =
      Vocabulary.of(
          "id_type",
          RESIDENT,
          List.of("居民身份证", "身份证", "resident_id"),
          "passport",
          List.of("护照"),
          "hk_macao_pass",
          List.of("港澳居民来往内地通行证", "港澳通行证"),
          "taiwan_pass",
          List.of("台湾居民来往大陆通行证", "台湾通行证", "台胞证"),
          "other",
          List.of("其他"));

  public static final Vocabulary SCHOOL_TYPE =
      Vocabulary.of(
          "school_type",
          "university",
          List.of("高校"),
          "vocational",
          List.of("中职"),
          "senior_high",
          List.of("高中"),
          "junior_high",
          List.of("初中"),
          "primary",
          List.of("小学"),
          "nine_year",
          List.of("九年一贯制"),
          "kindergarten",
          List.of("幼儿园"),
          "special",
          List.of("特殊教育"));

  public static final Vocabulary PERSON_TYPE =
      Vocabulary.of(
          "person_type",
          "student",
          List.of("学生"),
          "staff",
          List.of("教职工", "教师", "职工"),
          "contractor",
          List.of("外包人员"));

  public static final Vocabulary TRAVELLER_TYPE =
      Vocabulary.of(
          "person_type",
          "student",
          List.of("学生"),
          "staff",
          List.of("教职工", "教师", "职工"),
          "contractor",
          List.of("外包人员"),
          "household",
          List.of("同住亲属", "家庭成员"));

  /**
   * Whom a household member is linked to: a student, or a staff member (who reports relatives from
   * risk areas).
   */
  public static final Vocabulary LINKED_PERSON_TYPE =
      Vocabulary.of(
          "linked_person_type", "student", List.of("学生"), "staff", List.of("教职工", "教师", "职工"));

  public static final Vocabulary ROSTER_STATUS =
      Vocabulary.of("status", "active", List.of("在籍", "在职", "在校"), "left", List.of("离校", "离职"));

  public static final Vocabulary SEX =
      Vocabulary.of("sex", "male", List.of("男", "m"), "female", List.of("女", "f"));

  public static final Vocabulary SYMPTOM =
      Vocabulary.of(
          "symptom",
          "fever",
          List.of("发热", "发烧"),
          "cough",
          List.of("咳嗽"),
          "sore_throat",
          List.of("咽痛", "咽喉痛"),
          "runny_nose",
          List.of("流涕", "流鼻涕"),
          "diarrhea",
          List.of("腹泻"),
          "vomiting",
          List.of("呕吐"),
          "rash",
          List.of("皮疹"),
          "headache",
          List.of("头痛"),
          "fatigue",
          List.of("乏力"),
          "parotid_swelling",
          List.of("腮腺肿大", "腮腺肿痛"),
          "conjunctival_congestion",
          List.of("红眼", "结膜充血", "眼结膜充血"),
          "abdominal_pain",
          List.of("腹痛"),
          "dizziness",
          List.of("头晕"),
          "jaundice",
          List.of("黄疸"),
          "other",
          List.of("其他"));

  public static final Vocabulary DIAGNOSIS =
      Vocabulary.of(
          "diagnosis",
          "influenza",
          List.of("流感", "流行性感冒"),
          "covid19",
          List.of("新冠肺炎", "新冠"),
          "varicella",
          List.of("水痘"),
          "hfmd",
          List.of("手足口病"),
          "mumps",
          List.of("腮腺炎", "流行性腮腺炎"),
          "norovirus",
          List.of("诺如病毒", "诺如"),
          "common_cold",
          List.of("普通感冒", "感冒"),
          "other",
          List.of("其他"),
          "unknown",
          List.of("不明", "未知"));

  public static final Vocabulary APPROVAL =
      Vocabulary.of(
          "approved",
          "yes",
          List.of("是", "y", "true", "1", "已审批", "已报备"),
          "no",
          List.of("否", "n", "false", "0", "未审批", "未报备"),
          "pending",
          List.of("待审批", "审批中"));

  public static final Vocabulary TEST_RESULT =
      Vocabulary.of(
          "nucleic_test_result",
          "negative",
          List.of("阴性"),
          "positive",
          List.of("阳性"),
          "pending",
          List.of("待出", "待出结果"));

  public static final Vocabulary RISK_LEVEL =
      Vocabulary.of(
          "risk_level",
          "high",
          List.of("高", "高风险"),
          "medium",
          List.of("中", "中风险"),
          "low",
          List.of("低", "低风险"));

  /** Safety incident types: the codes and Chinese spellings of {@link IncidentType}. */
  public static final Vocabulary INCIDENT_TYPE =
      spelled("incident_type", IncidentType.values(), IncidentType::chinese);

  /** Inspection modes: the codes and Chinese spellings of {@link InspectionMode}. */
  public static final Vocabulary INSPECTION_MODE =
      spelled("mode", InspectionMode.values(), InspectionMode::chinese);

  /** Inspection scopes: the codes and Chinese spellings of {@link InspectionScope}. */
  public static final Vocabulary INSPECTION_SCOPE =
      spelled("scope", InspectionScope.values(), InspectionScope::chinese);

  /** Finding categories: the codes and Chinese spellings of {@link FindingCategory}. */
  public static final Vocabulary FINDING_CATEGORY =
      spelled("category", FindingCategory.values(), FindingCategory::chinese);

  /** Finding severities: the codes and Chinese spellings of {@link Severity}. */
  public static final Vocabulary SEVERITY =
      spelled("severity", Severity.values(), Severity::chinese);

  /** The vocabulary of an enum whose constants carry their Chinese spellings. */
  private static <E extends Enum<E> & Coded> Vocabulary spelled(
      String name, E[] values, Function<E, List<String>> chinese) {
    return Vocabulary.of(
        name,
        java.util.Arrays.stream(values)
            .flatMap(t -> java.util.stream.Stream.of(t.code(), chinese.apply(t)))
            .toArray());
  }

  /** The verification of an alert (预警核实): yes, no (discarded: not an outbreak) or pending. */
  public static final Vocabulary VERIFICATION =
      Vocabulary.of(
          "verified",
          "verified",
          List.of("yes", "y", "是", "已核实", "属实", "核实", "true", "1"),
          "discarded",
          List.of("no", "n", "否", "排除", "不属实", "已排除", "false", "0"),
          "pending",
          List.of("待核实", "核实中", "未核实"));

  /** What a school did about an alert (处置措施), several separated by ';'. */
  public static final Vocabulary ALERT_ACTION =
      Vocabulary.of(
          "actions",
          "class_suspension",
          List.of("停课"),
          "disinfection",
          List.of("消杀", "消毒"),
          "observation",
          List.of("留观", "隔离观察"),
          "health_education",
          List.of("健康教育"),
          "none",
          List.of("无"));

  /** Booleans accepted everywhere (docs/rules.md §1). */
  public static final Vocabulary BOOL =
      Vocabulary.of(
          "boolean", "true", List.of("是", "y", "yes", "1"), "false", List.of("否", "n", "no", "0"));

  // ------------------------------------------------------------------ column helpers
  private static ColumnSpec req(String name, ColumnType type, String... aliases) {
    return new ColumnSpec(
        name, List.of(aliases), type, true, null, null, type == DATE || type == TIMESTAMP);
  }

  private static ColumnSpec opt(String name, ColumnType type, String... aliases) {
    return new ColumnSpec(
        name, List.of(aliases), type, false, null, null, type == DATE || type == TIMESTAMP);
  }

  private static ColumnSpec code(
      String name, boolean required, Vocabulary v, String dflt, String... aliases) {
    return new ColumnSpec(name, List.of(aliases), CODE, required, v, dflt, false);
  }

  /** A date that is in the future by nature: never FUTURE_DATE. */
  private static ColumnSpec futureOk(String name, String... aliases) {
    return new ColumnSpec(name, List.of(aliases), DATE, false, null, null, false);
  }

  private static ColumnSpec bool(String name, String dflt, String... aliases) {
    return new ColumnSpec(name, List.of(aliases), BOOLEAN, false, BOOL, dflt, false);
  }

  private static final ColumnSpec SCHOOL = req("school_code", SCHOOL_CODE, "学校标识码", "学校代码");
  private static final ColumnSpec ID_NO = req("id_number", ID_NUMBER, "身份证号", "证件号码", "身份证件号");
  private static final ColumnSpec ID_T = code("id_type", false, ID_TYPE, RESIDENT, "证件类型");
  private static final ColumnSpec NAME = req("name", STRING, "姓名");
  private static final ColumnSpec SUBMITTED = opt("submitted_at", TIMESTAMP, "填报时间");

  // ------------------------------------------------------------------ sources
  public static final SourceSpec SCHOOLS =
      new SourceSpec(
          "schools",
          "学校名录",
          List.of(
              SCHOOL,
              req("school_name", STRING, "学校名称"),
              code("school_type", true, SCHOOL_TYPE, null, "学校类型"),
              req("district_code", DIVISION_CODE_6, "区县代码"),
              opt("district_name", STRING, "区县名称"),
              opt("city_name", STRING, "城市名称"),
              opt("township", STRING, "乡镇街道"),
              bool("directly_managed", "false", "局直"),
              bool("boarding", "false", "寄宿制"),
              opt("students_enrolled", COUNT, "在校学生数"),
              opt("staff_count", COUNT, "教职工数"),
              req("as_of", DATE, "统计日期")),
          List.of("school_code"),
          null,
          true,
          List.of());

  public static final SourceSpec ROSTER =
      new SourceSpec(
          "roster",
          "师生花名册",
          List.of(
              ID_NO,
              ID_T,
              NAME,
              code("person_type", true, PERSON_TYPE, null, "人员类别"),
              SCHOOL,
              opt("grade", STRING, "年级"),
              opt("class_name", STRING, "班级"),
              opt("dormitory", STRING, "宿舍", "宿舍号"),
              opt("birth_date", DATE, "出生日期"),
              code("sex", false, SEX, null, "性别"),
              bool("boarding", "false", "住校"),
              code("status", false, ROSTER_STATUS, "active", "状态"),
              req("as_of", DATE, "统计日期")),
          List.of("id_type", "id_number", "school_code"),
          null,
          true,
          List.of());

  public static final SourceSpec DAILY_REPORTS =
      new SourceSpec(
          "daily_reports",
          "日报告",
          List.of(
              req("report_date", DATE, "报告日期"),
              SCHOOL,
              req("submitted_at", TIMESTAMP, "填报时间"),
              opt("students_expected", COUNT, "应到学生数"),
              opt("students_present", COUNT, "实到学生数"),
              opt("students_absent_illness", COUNT, "因病缺勤学生数"),
              opt("students_absent_other", COUNT, "其他缺勤学生数"),
              opt("staff_expected", COUNT, "应到教职工数"),
              opt("staff_absent_illness", COUNT, "因病缺勤教职工数"),
              opt("fever_cases", COUNT, "晨午检发热人数"),
              opt("suspected_cases", COUNT, "疑似病例数"),
              opt("confirmed_cases", COUNT, "确诊病例数"),
              bool("zero_report", "false", "零报告"),
              opt("reporter", STRING, "填报人")),
          List.of("report_date", "school_code"),
          "submitted_at",
          false,
          List.of(RowRule.PRESENT_GT_EXPECTED, RowRule.ABSENCES_GT_EXPECTED));

  public static final SourceSpec ABSENCE_CASES =
      new SourceSpec(
          "absence_cases",
          "因病缺勤登记",
          List.of(
              req("report_date", DATE, "报告日期"),
              SCHOOL,
              ID_NO,
              ID_T,
              NAME,
              code("person_type", false, PERSON_TYPE, "student", "人员类别"),
              opt("grade", STRING, "年级"),
              opt("class_name", STRING, "班级"),
              opt("dormitory", STRING, "宿舍", "宿舍号"),
              opt("onset_date", DATE, "发病日期"),
              new ColumnSpec("symptoms", List.of("症状"), CODE_LIST, false, SYMPTOM, null, false),
              code("diagnosis", false, DIAGNOSIS, "unknown", "诊断"),
              bool("visited_doctor", null, "是否就诊"),
              bool("followed_up", "false", "是否追查病因"),
              futureOk("expected_return", "预计返校日期"),
              SUBMITTED),
          List.of("report_date", "school_code", "id_number"),
          "submitted_at",
          false,
          List.of());

  public static final SourceSpec TRAVEL_RECORDS =
      new SourceSpec(
          "travel_records",
          "旅居史登记",
          List.of(
              opt("record_id", STRING, "记录编号"),
              ID_NO,
              ID_T,
              NAME,
              code("person_type", true, TRAVELLER_TYPE, null, "人员类别"),
              // linked_student_id (关联学生身份证号) is the column's former name, still accepted.
              new ColumnSpec(
                  "linked_person_id",
                  List.of("关联人员身份证号", "linked_student_id", "关联学生身份证号"),
                  ID_NUMBER,
                  false,
                  null,
                  null,
                  false),
              code("linked_person_type", false, LINKED_PERSON_TYPE, null, "关联人员类别"),
              // Required for students, staff and contractors (row rule); a household member counts
              // under its linked person's school.
              opt("school_code", SCHOOL_CODE, "学校标识码", "学校代码"),
              req("destination_code", DESTINATION_CODE, "目的地代码"),
              opt("destination_name", STRING, "目的地"),
              bool("abroad", "false", "是否境外"),
              req("departure_date", DATE, "离开日期"),
              opt("return_date", DATE, "返回日期"),
              code("approved", false, APPROVAL, "pending", "是否报备审批"),
              opt("nucleic_test_date", DATE, "核酸检测日期"),
              code("nucleic_test_result", false, TEST_RESULT, null, "核酸结果"),
              SUBMITTED),
          List.of("record_id"),
          "submitted_at",
          false,
          List.of(
              RowRule.RETURN_BEFORE_DEPARTURE,
              RowRule.HOUSEHOLD_NEEDS_LINKED_PERSON,
              RowRule.SCHOOL_REQUIRED_UNLESS_HOUSEHOLD,
              RowRule.DESTINATION_MATCHES_ABROAD));

  public static final SourceSpec RISK_AREAS =
      new SourceSpec(
          "risk_areas",
          "中高风险地区名单",
          List.of(
              req("area_code", DIVISION_CODE, "地区代码"),
              opt("area_name", STRING, "地区名称"),
              code("risk_level", true, RISK_LEVEL, null, "风险等级"),
              futureOk("effective_from", "生效日期"),
              futureOk("effective_to", "解除日期"),
              opt("announced_at", TIMESTAMP, "发布时间")),
          List.of("area_code", "effective_from"),
          "announced_at",
          false,
          List.of());

  public static final SourceSpec VACCINATIONS =
      new SourceSpec(
          "vaccinations",
          "疫苗接种记录",
          List.of(
              ID_NO,
              ID_T,
              NAME,
              SCHOOL,
              code("person_type", false, PERSON_TYPE, null, "人员类别"),
              req("dose_number", DOSE_NUMBER, "剂次"),
              req("vaccination_date", DATE, "接种日期"),
              req("vaccine_product", STRING, "疫苗名称"),
              opt("manufacturer", STRING, "生产企业"),
              opt("batch_no", STRING, "批号"),
              opt("site", STRING, "接种单位")),
          List.of("id_type", "id_number", "dose_number"),
          null,
          false,
          List.of());

  public static final SourceSpec CONTRAINDICATIONS =
      new SourceSpec(
          "contraindications",
          "接种禁忌",
          List.of(
              ID_NO,
              ID_T,
              SCHOOL,
              opt("reason", STRING, "禁忌原因"),
              futureOk("valid_until", "有效期至"),
              opt("recorded_at", TIMESTAMP, "登记时间")),
          List.of("id_type", "id_number"),
          "recorded_at",
          false,
          List.of());

  /**
   * Safety incidents (安全事件, docs/rules.md §2, §4.9): optional; a warehouse that never received a
   * file of it says so (no data), never "0 incidents".
   */
  public static final SourceSpec SAFETY_INCIDENTS =
      new SourceSpec(
          "safety_incidents",
          "安全事件",
          List.of(
              req("incident_id", STRING, "事件编号"),
              req("incident_date", DATE, "事件日期", "发生日期"),
              opt("school_code", SCHOOL_CODE, "学校标识码", "学校代码"),
              req("district_code", DIVISION_CODE_6, "区县代码"),
              code("incident_type", true, INCIDENT_TYPE, null, "事件类型"),
              bool("on_campus", null, "是否校内", "校内"),
              opt("deaths", COUNT, "死亡人数"),
              opt("injured", COUNT, "受伤人数"),
              opt("students_involved", COUNT, "涉及学生数"),
              req("reported_at", TIMESTAMP, "上报时间"),
              SUBMITTED),
          List.of("incident_id"),
          "submitted_at",
          false,
          List.of(RowRule.REPORTED_BEFORE_INCIDENT));

  /**
   * 预警处置: the response to a cluster alert, keyed by the alert_id the follow-up workbook prints;
   * optional (a warehouse without any response file works as before). An alert_id in no alert of
   * gold.cluster_alerts is quarantined UNKNOWN_ALERT by the metrics stage, after the alerts of the
   * run are computed (docs/rules.md §2.10, §4.4.1).
   */
  public static final SourceSpec ALERT_RESPONSES =
      new SourceSpec(
          "alert_responses",
          "预警处置",
          List.of(
              req("alert_id", STRING, "预警编号", "预警ID"),
              code("verified", false, VERIFICATION, "pending", "核实结果", "是否属实"),
              opt("reported_to_cdc_at", TIMESTAMP, "报告疾控时间"),
              opt("reported_to_bureau_at", TIMESTAMP, "报告教育局时间", "报告教育行政部门时间"),
              new ColumnSpec(
                  "actions", List.of("处置措施"), CODE_LIST, false, ALERT_ACTION, null, false),
              futureOk("suspension_from", "停课开始日期"),
              futureOk("suspension_to", "停课结束日期"),
              opt("closed_at", TIMESTAMP, "结案时间"),
              opt("note", STRING, "备注"),
              SUBMITTED),
          List.of("alert_id"),
          "submitted_at",
          false,
          List.of());

  /**
   * 督导检查 (docs/rules.md §2.11): one inspection (routine, unannounced, self-check, review) of a
   * school, or of a training institution or a district without a school_code (institution_name then
   * names it); optional.
   */
  public static final SourceSpec INSPECTIONS =
      new SourceSpec(
          "inspections",
          "督导检查",
          List.of(
              req("inspection_id", STRING, "检查编号"),
              req("inspection_date", DATE, "检查日期"),
              opt("team", STRING, "督导组", "检查组"),
              code("mode", true, INSPECTION_MODE, null, "检查方式"),
              code("scope", true, INSPECTION_SCOPE, null, "检查类别", "检查范围"),
              req("district_code", DIVISION_CODE_6, "区县代码"),
              opt("school_code", SCHOOL_CODE, "学校标识码", "学校代码"),
              opt("institution_name", STRING, "机构名称", "被检查单位"),
              SUBMITTED),
          List.of("inspection_id"),
          "submitted_at",
          false,
          List.of());

  /**
   * 检查发现问题及整改 (docs/rules.md §2.11): one finding of an inspection, its deadline and rectification;
   * optional. The checks against its inspection (UNKNOWN_INSPECTION, BAD_DATE of a deadline or
   * rectified_date before the inspection date) need silver.inspections and are made by the metrics
   * stage (docs/decisions.md).
   */
  public static final SourceSpec FINDINGS =
      new SourceSpec(
          "findings",
          "整改台账",
          List.of(
              req("finding_id", STRING, "问题编号"),
              req("inspection_id", STRING, "检查编号"),
              code("category", true, FINDING_CATEGORY, null, "问题类别"),
              code("severity", true, SEVERITY, null, "问题等级", "严重程度"),
              opt("description", STRING, "问题描述"),
              futureOk("deadline", "整改期限"),
              opt("rectified_date", DATE, "整改完成日期"),
              opt("verified_by", STRING, "复核人"),
              SUBMITTED),
          List.of("finding_id"),
          "submitted_at",
          false,
          List.of());

  /**
   * 留校学生台账 (docs/rules.md §2.12): a student's application to stay on campus during a holiday, from
   * stay_from to stay_to (empty = open-ended), the school's approval and whether the guardian was
   * contacted; optional. A student on no loaded roster row of the school is quarantined
   * UNKNOWN_PERSON (checked by IngestJob against bronze.roster), a stay_to before stay_from
   * BAD_DATE.
   */
  public static final SourceSpec CAMPUS_STAYS =
      new SourceSpec(
          "campus_stays",
          "留校学生台账",
          List.of(
              SCHOOL,
              ID_NO,
              ID_T,
              NAME,
              opt("grade", STRING, "年级"),
              opt("class_name", STRING, "班级"),
              opt("dormitory", STRING, "宿舍", "宿舍号"),
              opt("reason", STRING, "留校原因"),
              opt("applied_at", TIMESTAMP, "申请时间"),
              code("approved", false, APPROVAL, "pending", "学校审批", "审批结果"),
              opt("approved_by", STRING, "审批人"),
              new ColumnSpec("stay_from", List.of("留校开始日期", "开始日期"), DATE, true, null, null, false),
              futureOk("stay_to", "留校结束日期", "结束日期"),
              bool("guardian_contact_ok", "false", "已联系监护人"),
              SUBMITTED),
          List.of("school_code", "id_type", "id_number", "stay_from"),
          "submitted_at",
          false,
          List.of(RowRule.STAY_TO_BEFORE_FROM));

  /**
   * 分批返校安排 (docs/rules.md §2.14): the day a grade of a school returns when a term starts in
   * batches; optional. A row overrides the start date S of the term start whose window holds
   * batch_start_date for the students of that grade of that school (docs/rules.md §4.11). Rows are
   * facts, no resubmission order: a school sends a new date as a new row, and among the rows of one
   * term start the one of the later file (then line) applies.
   */
  public static final SourceSpec RETURN_BATCHES =
      new SourceSpec(
          "return_batches",
          "分批返校安排",
          List.of(
              SCHOOL,
              req("grade", STRING, "年级"),
              new ColumnSpec(
                  "batch_start_date",
                  List.of("返校日期", "分批返校日期", "开学日期"),
                  DATE,
                  true,
                  null,
                  null,
                  false)),
          List.of("school_code", "grade", "batch_start_date"),
          null,
          false,
          List.of());

  /** All sources in load order (schools first: later sources check school codes against it). */
  public static final List<SourceSpec> ALL =
      List.of(
          SCHOOLS,
          ROSTER,
          DAILY_REPORTS,
          ABSENCE_CASES,
          TRAVEL_RECORDS,
          RISK_AREAS,
          VACCINATIONS,
          CONTRAINDICATIONS,
          SAFETY_INCIDENTS,
          ALERT_RESPONSES,
          INSPECTIONS,
          FINDINGS,
          CAMPUS_STAYS,
          RETURN_BATCHES);

  private static final Map<String, SourceSpec> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(SourceSpec::name, Function.identity()));

  public static Optional<SourceSpec> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static List<String> names() {
    return new ArrayList<>(BY_NAME.keySet()).stream().sorted().toList();
  }
}
