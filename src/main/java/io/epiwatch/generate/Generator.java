package io.epiwatch.generate;

import io.epiwatch.common.ReasonCode;
import io.epiwatch.common.ResidentId;
import io.epiwatch.contract.ColumnSpec;
import io.epiwatch.contract.SourceSpec;
import io.epiwatch.contract.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic inboxes in the formats of docs/rules.md §1-2 (issue 7): schools, rosters, daily
 * reports, absence line lists with planted clusters and near misses, risk areas announced,
 * re-graded and lifted, holiday travel, vaccination along the campaign deadlines,
 * contraindications, and a controlled share of bad rows listed in _generator/planted_rows.csv.
 * Deterministic: every unit draws from a SplittableRandom seeded by (seed, unit); output is
 * streamed school by school.
 */
public final class Generator {
  static final Charset GB18030 = Charset.forName("GB18030");
  private static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "欧阳", "司马"
  };
  private static final String[] GIVEN = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞",
    "平", "刚", "桂", "子", "涵", "轩", "宇", "欣", "怡", "浩", "然"
  };
  private static final String[][] DISTRICTS = {
    {"330102", "上城区"},
    {"330105", "拱墅区"},
    {"330106", "西湖区"},
    {"330108", "滨江区"},
    {"330109", "萧山区"},
    {"330110", "余杭区"},
    {"330111", "富阳区"},
    {"330112", "临安区"},
    {"330113", "临平区"},
    {"330114", "钱塘区"}
  };

  record Params(long persons, int days, LocalDate start, long seed, Path out) {}

  record Person(
      String id,
      String name,
      String type,
      String grade,
      String className,
      LocalDate birth,
      int age) {}

  private final Params p;
  private final LocalDate end;
  private final List<String[]> planted = new ArrayList<>();
  private final List<String[]> clusters = new ArrayList<>();
  private final List<String[]> signals = new ArrayList<>();
  private final List<String[]> incidents = new ArrayList<>();
  private final Map<String, CsvOut> daily = new LinkedHashMap<>();

  /** The students of the first school (code, person), for the planted campus stays. */
  private final List<Object[]> firstSchoolStudents = new ArrayList<>();

  /** The students with a line-list row dated the last day (code, person), in file order. */
  private final List<Object[]> sickOnLastDay = new ArrayList<>();

  private long counter;
  // Case signals planted once per inbox (docs/generator.md): a confirmed case on a report four
  // days before the last day, a suspected case on the last day, a positive test of a household
  // member. Set on rows the random stream made anyway, so the rest of the inbox is the same with
  // or without them; listed in _generator/planted_signals.csv.
  private boolean suspectedPlanted;
  private boolean confirmedPlanted;
  private boolean positivePlanted;
  private int expiringPlanted;

  /** Schools from which a scale is laid out as a province: 11 cities x 10 districts. */
  private static final int PROVINCE_FROM_SCHOOLS = 20000;

  private final int provinceFromSchools;

  Generator(Params p) {
    this(p, PROVINCE_FROM_SCHOOLS);
  }

  /**
   * @param provinceFromSchools schools from which the province layout applies (tests lower it)
   */
  Generator(Params p, int provinceFromSchools) {
    this.p = p;
    this.end = p.start().plusDays(p.days() - 1);
    this.provinceFromSchools = provinceFromSchools;
  }

  /** Schools for a number of persons: the sample has 30; larger scales ~525 persons per school. */
  int schoolCount() {
    return p.persons() <= 6000 ? 30 : (int) Math.max(30, p.persons() / 525);
  }

  /** Districts a scale spreads its schools over (0 = province: 11 cities x 10 districts). */
  int districtCount(int schools) {
    return p.persons() <= 6000 ? 3 : schools < provinceFromSchools ? DISTRICTS.length : 0;
  }

  String[] district(int school, int schools) {
    int nd = districtCount(schools);
    if (nd > 0) return DISTRICTS[school % nd];
    int city = 1 + school % 11;
    int d = 2 + (school / 11) % 10;
    return new String[] {String.format("33%02d%02d", city, d), String.format("%02d区", d)};
  }

  /**
   * 3 + district + the school's 3-digit number within its district (unique while < 1,000 per
   * district).
   */
  String schoolCode(String district, int school) {
    int nd = districtCount(schoolCount());
    int within = nd > 0 ? school / nd : school / 110;
    return "3" + district + String.format("%03d", within % 1000);
  }

  public Map<String, long[]> run() {
    try {
      Files.createDirectories(p.out());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int schools = schoolCount();
    long perSchool = Math.max(40, p.persons() / schools);
    writeSchools(schools);
    writeRiskAreas();
    // The population's files (rosters, vaccinations) are one per city at province scale: a
    // province's single roster would be gigabytes, more than ingest holds while parsing a file.
    boolean perCity = districtCount(schools) == 0;
    try (PerCity rosters =
            new PerCity(
                perCity,
                "roster-2021-09-01.csv",
                f -> out("roster", f, StandardCharsets.UTF_8, false, Sources.ROSTER, true));
        PerCity rosters2 =
            new PerCity(
                perCity,
                "roster-2021-09-20.csv",
                f -> out("roster", f, GB18030, false, Sources.ROSTER, true));
        // Travel files keep the layout of before linked_person_type existed, with the link under
        // its
        // former name 关联学生身份证号 (still accepted): every generated household member is linked to a
        // student.
        CsvOut travel =
            out(
                "travel_records",
                "travel.csv",
                StandardCharsets.UTF_8,
                true,
                Sources.TRAVEL_RECORDS,
                true,
                Map.of("linked_person_id", "关联学生身份证号", "linked_person_type", ""));
        PerCity vaccs =
            new PerCity(
                perCity,
                "vaccinations.csv",
                f ->
                    out(
                        "vaccinations",
                        f,
                        StandardCharsets.UTF_8,
                        false,
                        Sources.VACCINATIONS,
                        false));
        CsvOut contra =
            out(
                "contraindications",
                "contraindications.csv",
                GB18030,
                false,
                Sources.CONTRAINDICATIONS,
                true)) {
      for (int s = 0; s < schools; s++) {
        String[] d = district(s, schools);
        String code = schoolCode(d[0], s);
        SplittableRandom rnd = new SplittableRandom(p.seed() * 1_000_003L + s);
        List<Person> persons = persons(s, d[0], perSchool, rnd);
        if (s == 0)
          for (Person x : persons)
            if (x.type().equals("student")) firstSchoolStudents.add(new Object[] {code, x});
        rosterRows(rosters.of(d[0]), () -> rosters2.of(d[0]), s, code, persons, rnd);
        dailyRows(s, code, persons, rnd);
        travelRows(travel, s, code, d[0], persons, rnd);
        vaccinationRows(vaccs.of(d[0]), contra, s, code, persons, rnd);
      }
      String firstDistrict = district(0, schools)[0];
      CsvOut roster = rosters.of(firstDistrict);
      CsvOut vacc = vaccs.of(firstDistrict);
      // Planted bad rows carry every column of their file, so each fails for its planted reason
      // (a row with a missing field is FIELD_COUNT, whatever it was meant to test).
      plantBad(
          roster,
          "roster",
          List.of(ReasonCode.INVALID_ID_CHECKSUM),
          badId(),
          "",
          "王*",
          "学生",
          schoolCode(district(0, schools)[0], 0),
          "",
          "",
          "2008-05-05",
          "",
          "否",
          "在籍",
          "2021-09-01");
      plantBad(
          vacc,
          "vaccinations",
          List.of(ReasonCode.UNKNOWN_CODE),
          ResidentId.build("330102", LocalDate.of(2007, 1, 1), 999),
          "",
          "李*",
          schoolCode(district(0, schools)[0], 0),
          "学生",
          "5",
          "2021-09-01",
          "CoronaVac",
          "科兴",
          "B9",
          "站");
      plantBad(
          travel,
          "travel_records",
          List.of(ReasonCode.RETURN_BEFORE_DEPARTURE),
          "TBAD1",
          ResidentId.build("330102", LocalDate.of(2008, 2, 2), 998),
          "",
          "赵*",
          "学生",
          "",
          schoolCode(district(0, schools)[0], 0),
          "310115",
          "上海浦东",
          "否",
          "2021-09-20",
          "2021-09-18",
          "是",
          "",
          "",
          "2021-09-21 20:00");
      plantBad(
          travel,
          "travel_records",
          List.of(ReasonCode.MISSING_REQUIRED),
          "TBAD2",
          ResidentId.build("330102", LocalDate.of(1980, 2, 2), 997),
          "",
          "钱*",
          "同住亲属",
          "",
          schoolCode(district(0, schools)[0], 0),
          "330106",
          "西湖区",
          "否",
          "2021-09-20",
          "2021-09-21",
          "是",
          "",
          "",
          "2021-09-21 20:00");
    }
    daily.values().forEach(CsvOut::close);
    writeSafetyIncidents(schools);
    writeManifests();
    writeAlertResponses();
    writeInspections(schools);
    writeCampusStays();
    writeReturnBatches();
    return summary();
  }

  /**
   * The alert_responses extract (预警处置): responses to the planted alerts (class_same_day,
   * class_3day, school_disease) in a fixed cycle (on time, late, discarded, suspended and closed,
   * missing, suspended over the last day, late, missing, pending), and one response to an alert
   * that does not exist (UNKNOWN_ALERT). The alert_id is computed as gold computes it
   * (docs/rules.md §4.4) from the planted cluster: its rule, school, class, group or diagnosis,
   * threshold and the day the rule first fires. The line-list rows are submitted at 09:xx of their
   * report date, so detection is at 09:xx of first_detected and the report is due at 09:xx the next
   * day. Written after every other file, from no random stream: the other files are unchanged by
   * it. Recorded in _generator/planted_responses.csv.
   */
  private void writeAlertResponses() {
    String[] cycle = {
      "on_time", "late", "discarded", "closed", "missing", "suspended", "late", "missing", "pending"
    };
    List<String[]> recorded = new ArrayList<>();
    try (CsvOut f =
        out(
            "alert_responses",
            "alert-responses.csv",
            StandardCharsets.UTF_8,
            false,
            Sources.ALERT_RESPONSES,
            true)) {
      int i = 0;
      for (String[] c : clusters) {
        String rule = c[7];
        String group;
        String diagnosis = "";
        String threshold;
        int firesAfter;
        switch (rule) {
          case "class_same_day" -> {
            group = "ili";
            threshold = "3.0";
            firesAfter = 0;
          }
          case "class_3day" -> {
            group = "gi";
            threshold = "5.0";
            firesAfter = 2;
          }
          case "school_disease" -> {
            group = "";
            diagnosis = "hfmd";
            threshold = "2.0";
            firesAfter = 0;
          }
          default -> {
            continue;
          }
        }
        LocalDate fd = LocalDate.parse(c[4]).plusDays(firesAfter);
        String id =
            alertId(
                String.join(
                    "|", rule, c[0], c[1], c[2], group, diagnosis, threshold, fd.toString()));
        String kind = cycle[i++ % cycle.length];
        // a response dated after the last day would be FUTURE_DATE: not planted then
        int lastDay = kind.equals("closed") ? 8 : kind.equals("late") ? 2 : 0;
        if (fd.plusDays(lastDay).isAfter(end)) kind = "missing";
        String t0 = fd + " 18:00"; // the day of detection: on time
        String late = fd.plusDays(2) + " 12:00"; // more than 24 h after 09:xx of first_detected
        switch (kind) {
          case "on_time" -> f.row(id, "是", t0, t0, "消杀;健康教育", "", "", "", "", fd + " 18:30");
          case "late" -> f.row(id, "已核实", late, late, "消杀", "", "", "", "", late);
          case "discarded" ->
              f.row(id, "排除", "", fd + " 16:00", "无", "", "", "", "非聚集性：普通请假", fd + " 16:30");
          case "closed" ->
              f.row(
                  id,
                  "是",
                  t0,
                  t0,
                  "停课;消杀;留观",
                  fd.plusDays(1).toString(),
                  fd.plusDays(7).toString(),
                  fd.plusDays(8) + " 17:00",
                  "",
                  fd.plusDays(8) + " 17:30");
          case "suspended" ->
              f.row(
                  id,
                  "是",
                  t0,
                  t0,
                  "停课;消杀",
                  fd.plusDays(1).toString(),
                  end.toString(),
                  "",
                  "",
                  fd + " 18:30");
          case "pending" -> f.row(id, "待核实", t0, "", "", "", "", "", "", fd + " 18:30");
          default -> {} // missing: no response
        }
        recorded.add(new String[] {id, c[0], rule, fd.toString(), kind, ""});
      }
      String unknown = "0000000000000000";
      long line = f.row(unknown, "是", end + " 09:00", "", "消杀", "", "", "", "编号抄错", end + " 09:30");
      recorded.add(
          new String[] {
            unknown,
            "",
            "",
            "",
            "unknown",
            "alert_responses/alert-responses.csv:" + line + " " + ReasonCode.UNKNOWN_ALERT.code()
          });
    }
    StringBuilder b =
        new StringBuilder("alert_id,school_code,rule,first_detected,response,quarantined\n");
    recorded.forEach(r -> b.append(String.join(",", r)).append('\n'));
    try {
      Files.writeString(
          p.out().resolve("_generator/planted_responses.csv"),
          b.toString(),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** First 16 hex of SHA-256, as gold.cluster_alerts.alert_id. */
  static String alertId(String key) {
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(key.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A source's file, or at province scale one file per city: {@code roster-2021-09-01-3301.csv} for
   * the schools of city 3301 (the first four digits of the district code), opened on its first row.
   */
  private static final class PerCity implements AutoCloseable {
    private final boolean perCity;
    private final String file;
    private final java.util.function.Function<String, CsvOut> open;
    private final Map<String, CsvOut> files = new LinkedHashMap<>();

    PerCity(boolean perCity, String file, java.util.function.Function<String, CsvOut> open) {
      this.perCity = perCity;
      this.file = file;
      this.open = open;
    }

    /** The file of a district's city. */
    CsvOut of(String district) {
      String name = perCity ? file.replace(".csv", "-" + district.substring(0, 4) + ".csv") : file;
      return files.computeIfAbsent(name, open);
    }

    @Override
    public void close() {
      files.values().forEach(CsvOut::close);
    }
  }

  private CsvOut out(
      String source, String file, Charset cs, boolean bom, SourceSpec spec, boolean chinese) {
    // Roster and line-list files keep the layout of before their optional dormitory column
    // existed: the generator plants no dormitories there (campus stays have always had one).
    boolean noDormitory = spec == Sources.ROSTER || spec == Sources.ABSENCE_CASES;
    return out(
        source, file, cs, bom, spec, chinese, noDormitory ? Map.of("dormitory", "") : Map.of());
  }

  /**
   * @param headers header per column name instead of the usual one; "" leaves the column out
   */
  private CsvOut out(
      String source,
      String file,
      Charset cs,
      boolean bom,
      SourceSpec spec,
      boolean chinese,
      Map<String, String> headers) {
    List<String> header = new ArrayList<>();
    for (ColumnSpec c : spec.columns()) {
      String h =
          headers.getOrDefault(
              c.name(), chinese && !c.aliases().isEmpty() ? c.aliases().get(0) : c.name());
      if (!h.isEmpty()) header.add(h);
    }
    return new CsvOut(p.out(), source, file, cs, bom, header);
  }

  private void plantBad(CsvOut f, String source, List<ReasonCode> reasons, Object... values) {
    long line = f.row(values);
    planted.add(
        new String[] {
          source,
          f.relative,
          String.valueOf(line),
          String.join(";", reasons.stream().map(ReasonCode::code).toList())
        });
  }

  private String badId() {
    String ok = ResidentId.build("330102", LocalDate.of(2008, 5, 5), 321);
    return ok.substring(0, 17) + (ok.charAt(17) == '1' ? '2' : '1');
  }

  // ------------------------------------------------------------------ schools and risk areas
  private void writeSchools(int schools) {
    String[] types = {"小学", "初中", "高中", "九年一贯制", "幼儿园", "中职"};
    // Schools files keep the layout of before the optional city_name column (city names come from
    // conf).
    Map<String, String> noCityName = Map.of("city_name", "");
    try (CsvOut a =
            out(
                "schools",
                "schools-2021-09-01.csv",
                StandardCharsets.UTF_8,
                false,
                Sources.SCHOOLS,
                true,
                noCityName);
        CsvOut b =
            out(
                "schools",
                "schools-2021-09-20.csv",
                StandardCharsets.UTF_8,
                true,
                Sources.SCHOOLS,
                false,
                noCityName)) {
      for (int s = 0; s < schools; s++) {
        String[] d = district(s, schools);
        String name =
            d[1].replace("区", "")
                + "第"
                + (s + 1)
                + types[s % types.length].replace("九年一贯制", "实验学校").replace("中职", "职业学校");
        String type = types[s % types.length];
        String boarding = type.equals("高中") ? "是" : "否";
        // senior highs are run by the bureau itself (局直): the 局直 split of exposure by area
        String managed = type.equals("高中") ? "是" : "否";
        a.row(
            schoolCode(d[0], s),
            name,
            type,
            d[0],
            d[1],
            "",
            managed,
            boarding,
            "",
            "",
            "2021-09-01");
        if (s == 7 % schools) continue; // closed at the second snapshot
        String[] d2 = s == 4 % schools ? district(s + 1, schools) : d; // moved to another district
        b.row(
            schoolCode(d[0], s),
            name,
            Sources.SCHOOL_TYPE.lookup(type).orElseThrow(),
            d2[0],
            d2[1],
            "",
            managed.equals("是") ? "Y" : "N",
            boarding.equals("是") ? "Y" : "N",
            "",
            "",
            "2021-09-20");
      }
    }
  }

  private void writeRiskAreas() {
    try (CsvOut a =
            out(
                "risk_areas",
                "risk-areas-2021-09-10.csv",
                GB18030,
                false,
                Sources.RISK_AREAS,
                true);
        CsvOut b =
            out(
                "risk_areas",
                "risk-areas-2021-09-25.csv",
                StandardCharsets.UTF_8,
                false,
                Sources.RISK_AREAS,
                false);
        CsvOut c =
            out(
                "risk_areas",
                "risk-areas-2021-10-03.csv",
                StandardCharsets.UTF_8,
                false,
                Sources.RISK_AREAS,
                true)) {
      a.row("310115001", "上海市浦东新区潍坊新村街道", "中风险", "2021-09-10", "", "2021-09-10 08:00");
      a.row("420102", "武汉市江岸区", "高风险", "2021-09-12", "", "2021-09-12 08:00");
      b.row("420102", "武汉市江岸区", "medium", "2021-09-25", "", "2021-09-25 08:00");
      b.row("310115001", "上海市浦东新区潍坊新村街道", "medium", "2021-09-10", "2021-09-28", "2021-09-25 09:00");
      c.row("310115001", "上海市浦东新区潍坊新村街道", "高", "2021-10-03", "", "2021-10-03 08:00");
      c.row("440106", "广州市天河区", "中", "2021-09-15", "2021-09-30", "2021-10-03 08:00");
      long line = c.row("320102", "南京市玄武区", "很高", "2021-09-15", "", "2021-10-03 08:00");
      planted.add(new String[] {"risk_areas", c.relative, String.valueOf(line), "UNKNOWN_CODE"});
    }
  }

  // ------------------------------------------------------------------ persons
  private List<Person> persons(int s, String district, long n, SplittableRandom rnd) {
    String[][] grades =
        switch (s % 6) {
          case 0 ->
              new String[][] {
                {"一年级", "6"}, {"二年级", "7"}, {"三年级", "8"}, {"四年级", "9"}, {"五年级", "10"}, {"六年级", "11"}
              };
          case 1 -> new String[][] {{"初一", "12"}, {"初二", "13"}, {"初三", "14"}};
          case 2, 5 -> new String[][] {{"高一", "15"}, {"高二", "16"}, {"高三", "17"}};
          case 3 ->
              new String[][] {
                {"五年级", "10"}, {"六年级", "11"}, {"初一", "12"}, {"初二", "13"}, {"初三", "14"}
              };
          default -> new String[][] {{"小班", "3"}, {"中班", "4"}, {"大班", "5"}};
        };
    List<Person> out = new ArrayList<>();
    long staff = Math.max(4, n / 12);
    long students = n - staff - 2;
    int perClass = 30;
    for (long i = 0; i < students; i++) {
      String[] g = grades[(int) (i % grades.length)];
      int age = Integer.parseInt(g[1]);
      String cls = (1 + (i / grades.length) / perClass) + "班";
      out.add(person(district, age, "student", g[0], cls, rnd));
    }
    for (long i = 0; i < staff; i++)
      out.add(person(district, 25 + rnd.nextInt(35), "staff", null, null, rnd));
    for (int i = 0; i < 2; i++)
      out.add(person(district, 40 + rnd.nextInt(25), "contractor", null, null, rnd));
    return out;
  }

  private Person person(
      String district, int age, String type, String grade, String cls, SplittableRandom rnd) {
    LocalDate birth = LocalDate.of(2021 - age, 1, 1).minusDays(rnd.nextInt(365) - 243);
    int ageOnStart = java.time.Period.between(birth, p.start()).getYears();
    String id = ResidentId.build(district, birth, (int) (counter++ % 1000));
    return new Person(id, name(rnd), type, grade, cls, birth, ageOnStart);
  }

  private String name(SplittableRandom rnd) {
    String n = SURNAMES[rnd.nextInt(SURNAMES.length)] + GIVEN[rnd.nextInt(GIVEN.length)];
    return rnd.nextInt(3) == 0 ? n : n + GIVEN[rnd.nextInt(GIVEN.length)];
  }

  /**
   * @param b the second snapshot's file, opened only by a school that has rows in it
   */
  private void rosterRows(
      CsvOut a,
      java.util.function.Supplier<CsvOut> b,
      int s,
      String code,
      List<Person> persons,
      SplittableRandom rnd) {
    boolean second = s % 10 == 2;
    for (int i = 0; i < persons.size(); i++) {
      Person x = persons.get(i);
      String type = Sources.PERSON_TYPE.chinese(x.type());
      rosterRow(a, x, type, code, "在籍", "2021-09-01");
      if (second) {
        if (i == 1) continue; // left without notice: absent from the later snapshot
        rosterRow(b.get(), x, type, code, i == 2 ? "离校" : "在籍", "2021-09-20");
      }
    }
  }

  private static void rosterRow(
      CsvOut f, Person x, String type, String code, String status, String asOf) {
    f.row(
        x.id(),
        "",
        x.name(),
        type,
        code,
        x.grade(),
        x.className(),
        x.birth().toString(),
        "",
        "否",
        status,
        asOf);
  }

  // ------------------------------------------------------------------ daily reports and line lists
  private CsvOut dailyFile(String source, LocalDate day) {
    String key = source + day;
    return daily.computeIfAbsent(
        key,
        k -> {
          int n = day.getDayOfMonth();
          boolean chinese = n % 2 == 1;
          Charset cs = n % 4 == 1 ? GB18030 : StandardCharsets.UTF_8;
          SourceSpec spec =
              source.equals("daily_reports") ? Sources.DAILY_REPORTS : Sources.ABSENCE_CASES;
          return out(
              source,
              source.replace("_", "-") + "-" + day + ".csv",
              cs,
              n % 3 == 0 && cs == StandardCharsets.UTF_8,
              spec,
              chinese);
        });
  }

  private static final String[][] SYMPTOMS = {
    {"发热;咳嗽", "流感"},
    {"咳嗽、流涕", "普通感冒"},
    {"腹泻；呕吐", "不明"},
    {"发热", "不明"},
    {"咽痛", "普通感冒"},
    {"头痛;乏力", "其他"},
    {"皮疹;发热", "水痘"}
  };

  private void dailyRows(int s, String code, List<Person> persons, SplittableRandom rnd) {
    List<Person> students = persons.stream().filter(x -> x.type().equals("student")).toList();
    List<Person> staff = persons.stream().filter(x -> !x.type().equals("student")).toList();
    // Planted clusters (and near misses): which class, which day offset, how many, what.
    Map<Integer, List<Person>> plantedSick = new LinkedHashMap<>();
    String[] plan =
        switch (s % 10) {
          case 3 -> new String[] {"4", "0", "发热;咳嗽", "流感", "class_same_day"};
          case 6 -> new String[] {"6", "2", "腹泻;呕吐", "诺如病毒", "class_3day"};
          case 8 -> new String[] {"2", "0", "发热;咳嗽", "不明", "near_miss"};
          case 9 -> new String[] {"4", "2", "咳嗽、流涕", "普通感冒", "near_miss"};
          case 5 -> new String[] {"2", "0", "皮疹;发热", "手足口病", "school_disease"};
          default -> null;
        };
    int clusterDay = 8 + s % 17;
    if (plan != null && students.size() > 40 && clusterDay < p.days()) {
      int k = Integer.parseInt(plan[0]);
      int spread = Integer.parseInt(plan[1]);
      String cls = students.get(0).className();
      String grade = students.get(0).grade();
      List<Person> inClass =
          students.stream()
              .filter(x -> cls.equals(x.className()) && grade.equals(x.grade()))
              .toList();
      for (int i = 0; i < Math.min(k, inClass.size()); i++) {
        plantedSick
            .computeIfAbsent(
                clusterDay + (spread == 0 ? 0 : i % (spread + 1)), d -> new ArrayList<>())
            .add(inClass.get(i));
      }
      clusters.add(
          new String[] {
            code,
            grade,
            cls,
            plan[3],
            p.start().plusDays(clusterDay).toString(),
            p.start().plusDays(clusterDay + spread).toString(),
            String.valueOf(Math.min(k, inClass.size())),
            plan[4]
          });
    }
    for (int day = 0; day < p.days(); day++) {
      LocalDate date = p.start().plusDays(day);
      boolean weekend = date.getDayOfWeek().getValue() >= 6;
      if (rnd.nextInt(100) < (weekend ? 8 : 3)) continue; // missing report
      List<Person> sick = new ArrayList<>(plantedSick.getOrDefault(day, List.of()));
      int background = binomial(students.size(), weekend ? 0.002 : 0.005, rnd);
      for (int i = 0; i < background; i++) sick.add(students.get(rnd.nextInt(students.size())));
      int staffSick = rnd.nextInt(200) == 0 ? 1 : 0;
      if (staffSick > 0) sick.add(staff.get(rnd.nextInt(staff.size())));
      sick = sick.stream().distinct().toList();
      CsvOut cases = dailyFile("absence_cases", date);
      String dateText = dateText(date);
      int studentsSick = 0;
      for (Person x : sick) {
        boolean planted = plantedSick.getOrDefault(day, List.of()).contains(x);
        String[] sym =
            planted ? new String[] {plan[2], plan[3]} : SYMPTOMS[rnd.nextInt(SYMPTOMS.length)];
        if (x.type().equals("student")) studentsSick++;
        if (x.type().equals("student") && date.equals(end))
          sickOnLastDay.add(new Object[] {code, x});
        cases.row(
            dateText,
            code,
            x.id(),
            "",
            x.name(),
            Sources.PERSON_TYPE.chinese(x.type()),
            x.grade(),
            x.className(),
            dateText,
            sym[0],
            sym[1],
            rnd.nextInt(3) == 0 ? "是" : "否",
            rnd.nextInt(10) < 8 ? "是" : "否",
            date.plusDays(3).toString(),
            date + " 09:" + String.format("%02d", rnd.nextInt(60)));
      }
      int expected = students.size();
      int other = binomial(expected, 0.003, rnd);
      int fever = rnd.nextInt(20) == 0 ? 1 : 0;
      boolean late = rnd.nextInt(100) < (weekend ? 15 : 6);
      String submitted =
          date
              + (late ? " 1" + (1 + rnd.nextInt(8)) + ":" : " 0" + (7 + rnd.nextInt(3)) + ":")
              + String.format("%02d", rnd.nextInt(60));
      boolean zero = studentsSick == 0 && fever == 0 && sick.isEmpty();
      boolean contradiction = !zero && rnd.nextInt(60) == 0;
      int suspected = 0;
      int confirmed = 0;
      if (!zero && !contradiction && s > 0) {
        if (!suspectedPlanted && day == p.days() - 1) {
          suspected = 1;
          suspectedPlanted = true;
          signals.add(new String[] {"report_suspected", code, date.toString(), "1"});
        } else if (!confirmedPlanted && day == p.days() - 5) {
          confirmed = 1;
          confirmedPlanted = true;
          signals.add(new String[] {"report_confirmed", code, date.toString(), "1"});
        }
      }
      CsvOut reports = dailyFile("daily_reports", date);
      reports.row(
          dateText,
          code,
          submitted,
          expected,
          expected - studentsSick - other,
          studentsSick,
          other,
          staff.size(),
          sick.size() - studentsSick,
          fever,
          suspected,
          confirmed,
          zero || contradiction ? "是" : "否",
          "填报员");
      if (rnd.nextInt(50) == 0
          && day + 1 < p.days()) { // a correction arriving in the next day's file
        CsvOut next = dailyFile("daily_reports", date.plusDays(1));
        next.row(
            dateText,
            code,
            date.plusDays(1) + " 08:30",
            expected,
            expected - studentsSick - other,
            studentsSick,
            other,
            staff.size(),
            sick.size() - studentsSick,
            fever,
            suspected,
            confirmed,
            zero ? "是" : "否",
            "填报员");
      }
    }
    if (s == 0) plantDailyBad(code);
  }

  private void plantDailyBad(String code) {
    LocalDate d = p.start().plusDays(2);
    CsvOut f = dailyFile("daily_reports", d);
    // reason, report_date, school_code, students_present, illness_absences (of 100 expected);
    // submitted at 09:00, 09:01, ... in this order
    Object[][] bad = {
      {ReasonCode.NEGATIVE_COUNT, d.toString(), code, 90, -1},
      {ReasonCode.PRESENT_GT_EXPECTED, d.toString(), code, 120, 0},
      {ReasonCode.ABSENCES_GT_EXPECTED, d.toString(), code, 95, 6},
      {ReasonCode.BAD_DATE, "2021-02-30", code, 95, 0},
      {ReasonCode.UNKNOWN_SCHOOL, d.toString(), "3999999999", 95, 0},
      {ReasonCode.FUTURE_DATE, end.plusDays(30).toString(), code, 95, 0}
    };
    for (int i = 0; i < bad.length; i++) {
      Object[] r = bad[i];
      plantBad(
          f,
          "daily_reports",
          List.of((ReasonCode) r[0]),
          r[1],
          r[2],
          d + String.format(Locale.ROOT, " 09:%02d", i),
          100,
          r[3],
          r[4],
          0,
          5,
          0,
          0,
          0,
          0,
          "否",
          "x");
    }
    CsvOut a = dailyFile("absence_cases", d);
    plantBad(
        a,
        "absence_cases",
        List.of(ReasonCode.INVALID_ID_CHECKSUM),
        d.toString(),
        code,
        badId(),
        "",
        "张*",
        "学生",
        "",
        "",
        d.toString(),
        "发热",
        "",
        "否",
        "否",
        "",
        "");
    plantBad(
        a,
        "absence_cases",
        List.of(ReasonCode.UNKNOWN_CODE),
        d.toString(),
        code,
        ResidentId.build("330102", LocalDate.of(2010, 3, 3), 996),
        "",
        "孙*",
        "学生",
        "",
        "",
        d.toString(),
        "打喷嚏",
        "",
        "否",
        "否",
        "",
        "");
    plantBad(
        a,
        "absence_cases",
        List.of(ReasonCode.MISSING_REQUIRED),
        d.toString(),
        code,
        "",
        "",
        "周*",
        "学生",
        "",
        "",
        d.toString(),
        "发热",
        "",
        "否",
        "否",
        "",
        "");
  }

  private String dateText(LocalDate d) {
    return switch (d.getDayOfMonth() % 7) {
      case 3 -> d.format(DateTimeFormatter.ofPattern("yyyy/M/d"));
      case 5 -> d.format(DateTimeFormatter.BASIC_ISO_DATE);
      default -> d.toString();
    };
  }

  static int binomial(int n, double prob, SplittableRandom rnd) {
    double mean = n * prob;
    double l = Math.exp(-mean);
    int k = 0;
    double q = 1;
    do {
      k++;
      q *= rnd.nextDouble();
    } while (q > l && k < n + 1);
    return Math.min(n, k - 1);
  }

  // ------------------------------------------------------------------ travel
  private static final String[][] DESTINATIONS = {
    {"330106", "杭州市西湖区", "否"},
    {"330212", "宁波市鄞州区", "否"},
    {"310104", "上海市徐汇区", "否"},
    {"110105", "北京市朝阳区", "否"},
    {"310115001012", "上海市浦东新区潍坊新村街道某社区", "否"},
    {"310115", "上海市浦东新区", "否"},
    {"420102", "武汉市江岸区", "否"},
    {"440106", "广州市天河区", "否"},
    {"SG", "新加坡", "是"},
    {"US", "美国", "是"}
  };

  private void travelRows(
      CsvOut f, int s, String code, String district, List<Person> persons, SplittableRandom rnd) {
    LocalDate[][] holidays = {
      {LocalDate.of(2021, 9, 18), LocalDate.of(2021, 9, 21)},
      {LocalDate.of(2021, 9, 30), LocalDate.of(2021, 10, 7)}
    };
    for (Person x : persons) {
      if (rnd.nextInt(100) >= 4) continue;
      LocalDate[] h = holidays[rnd.nextInt(2)];
      LocalDate dep = h[0].plusDays(rnd.nextInt(2));
      if (dep.isAfter(end)) continue;
      LocalDate ret = h[1].minusDays(rnd.nextInt(2));
      String[] dest = DESTINATIONS[rnd.nextInt(DESTINATIONS.length)];
      String retText = ret.isAfter(end) || rnd.nextInt(30) == 0 ? "" : ret.toString();
      String approved = rnd.nextInt(100) < 85 ? "是" : rnd.nextInt(2) == 0 ? "否" : "待审批";
      boolean tested = !retText.isEmpty() && rnd.nextInt(100) < 80;
      String id = "T" + code + "-" + (counter++);
      f.row(
          id,
          x.id(),
          "",
          x.name(),
          Sources.TRAVELLER_TYPE.chinese(x.type()),
          "",
          code,
          dest[0],
          dest[1],
          dest[2],
          dep.toString(),
          retText,
          approved,
          tested ? ret.plusDays(1).toString() : "",
          tested ? "阴性" : "",
          dep.minusDays(1) + " 20:00");
      if (x.type().equals("student") && rnd.nextInt(3) == 0) {
        Person parent = person(district, 35 + rnd.nextInt(15), "household", null, null, rnd);
        // still away at the end, tested two days after leaving: positive, reported that evening
        LocalDate testedAway = dep.plusDays(2);
        boolean positive = !positivePlanted && retText.isEmpty() && !testedAway.isAfter(end);
        positivePlanted |= positive;
        if (positive) signals.add(new String[] {"test_positive", code, testedAway.toString(), "1"});
        f.row(
            id + "-H",
            parent.id(),
            "",
            parent.name(),
            "同住亲属",
            x.id(),
            code,
            dest[0],
            dest[1],
            dest[2],
            dep.toString(),
            retText,
            approved,
            positive ? testedAway.toString() : tested ? ret.plusDays(1).toString() : "",
            positive ? "阳性" : tested ? "阴性" : "",
            positive ? testedAway + " 18:00" : dep.minusDays(1) + " 20:05");
      }
    }
  }

  // ------------------------------------------------------------------ vaccination
  private static final String[][] PRODUCTS = {
    {"新冠病毒灭活疫苗(Vero细胞) CoronaVac", "北京科兴中维", "2", "21"},
    {"新冠病毒灭活疫苗(Vero细胞) BBIBP-CorV", "北京生物", "2", "21"},
    {"重组新冠病毒疫苗(5型腺病毒载体) Ad5-nCoV", "康希诺", "1", "0"},
    {"重组新冠病毒蛋白疫苗 ZF2001", "智飞龙科马", "3", "28"}
  };

  private void vaccinationRows(
      CsvOut f, CsvOut contra, int s, String code, List<Person> persons, SplittableRandom rnd) {
    for (Person x : persons) {
      if (x.age() < 12) continue;
      if (rnd.nextInt(100) < 2) {
        boolean expired = rnd.nextInt(2) == 0;
        // the first three lasting ones end a week after the last day: staff can plan for them
        boolean expiring = !expired && expiringPlanted < 3;
        if (expiring) expiringPlanted++;
        contra.row(
            x.id(),
            "",
            code,
            "过敏史",
            expired ? "2021-09-15" : expiring ? end.plusDays(7).toString() : "",
            "2021-07-0" + (1 + rnd.nextInt(8)) + " 10:00");
        continue;
      }
      int take = x.age() <= 14 ? 85 : x.age() <= 17 ? 93 : 96;
      if (rnd.nextInt(100) >= take) continue;
      LocalDate first =
          x.age() <= 14
              ? LocalDate.of(2021, 8, 10).plusDays(rnd.nextInt(45))
              : x.age() <= 17
                  ? LocalDate.of(2021, 7, 15).plusDays(rnd.nextInt(45))
                  : LocalDate.of(2021, 6, 1).plusDays(rnd.nextInt(40));
      String[] prod =
          PRODUCTS[
              rnd.nextInt(100) < 55 ? 0 : rnd.nextInt(100) < 80 ? 1 : rnd.nextInt(2) == 0 ? 2 : 3];
      int doses = Integer.parseInt(prod[2]);
      LocalDate d = first;
      for (int n = 1; n <= doses; n++) {
        if (d.isAfter(end)) break;
        if (n > 1 && rnd.nextInt(100) < 8) break; // dropout
        boolean skipFirst = n == 1 && rnd.nextInt(400) == 0; // a dose 2 without dose 1
        if (!skipFirst)
          f.row(
              x.id(),
              "",
              x.name(),
              code,
              Sources.PERSON_TYPE.chinese(x.type()),
              n,
              d.toString(),
              prod[0],
              prod[1],
              "B" + d.format(DateTimeFormatter.BASIC_ISO_DATE),
              "杭州市接种点" + (1 + s % 9));
        int interval = Math.max(21, Integer.parseInt(prod[3])) + rnd.nextInt(20);
        if (rnd.nextInt(150) == 0) interval = 14; // too short
        d = d.plusDays(interval);
      }
    }
    if (s == 1) { // a person not on any roster
      Person stranger = person("330102", 16, "student", null, null, rnd);
      f.row(
          stranger.id(),
          "",
          stranger.name(),
          code,
          "学生",
          1,
          "2021-08-20",
          PRODUCTS[0][0],
          PRODUCTS[0][1],
          "B0",
          "杭州市接种点1");
    }
  }

  // ------------------------------------------------------------------ safety incidents
  /**
   * The optional safety_incidents source (docs/rules.md §2.13): a handful of planted incidents (a
   * fatal drowning in the summer holidays, a non-fatal road accident without a school corrected by
   * a later file, a food-safety incident reported late, last year's drowning for the same period
   * last year, one row with a negative count) plus, at larger scales, one random incident per 100
   * schools. Drawn from a stream of its own, after every other file is written, so the other
   * sources are the same bytes with or without it; listed in _generator/planted_incidents.csv.
   */
  private void writeSafetyIncidents(int schools) {
    SplittableRandom rnd = new SplittableRandom(p.seed() * 1_000_003L - 17);
    String[] types = {"溺亡", "自杀", "道路交通事故", "意外事件", "食品安全", "火灾", "拥挤踩踏", "校园欺凌", "暴力", "校舍", "其他"};
    int a = rnd.nextInt(schools);
    int b = rnd.nextInt(schools);
    String schoolA = schoolCode(district(a, schools)[0], a);
    String schoolB = schoolCode(district(b, schools)[0], b);
    String districtC = district(1, schools)[0];
    String districtD = district(2, schools)[0];
    LocalDate lastYear = p.start().minusYears(1).withMonth(8).withDayOfMonth(2);
    LocalDate summer = p.start().withMonth(7).withDayOfMonth(18);
    LocalDate road = p.start().plusDays(12);
    LocalDate food = p.start().plusDays(23);
    LocalDate bad = end.minusDays(5);
    try (CsvOut f =
        out(
            "safety_incidents",
            "safety-incidents-" + p.start() + ".csv",
            StandardCharsets.UTF_8,
            false,
            Sources.SAFETY_INCIDENTS,
            true)) {
      incident(
          f,
          "fatal drowning off campus",
          "",
          "SI-" + summer.getYear() + "-001",
          summer,
          schoolA,
          district(a, schools)[0],
          "溺亡",
          "否",
          1,
          0,
          1,
          summer + " 19:30",
          p.start() + " 10:00");
      incident(
          f,
          "non-fatal; no school",
          "",
          "SI-" + road.getYear() + "-002",
          road,
          "",
          districtC,
          "道路交通事故",
          "否",
          0,
          2,
          2,
          road + " 17:00",
          road + " 17:30");
      incident(
          f,
          "non-fatal; reported 57 h after its day",
          "",
          "SI-" + food.getYear() + "-003",
          food,
          schoolB,
          district(b, schools)[0],
          "食品安全",
          "是",
          0,
          0,
          9,
          food.plusDays(3) + " 09:00",
          food.plusDays(3) + " 09:30");
      incident(
          f,
          "last year; same period",
          "",
          "SI-" + lastYear.getYear() + "-001",
          lastYear,
          "",
          districtD,
          "溺亡",
          "否",
          2,
          0,
          2,
          lastYear + " 21:00",
          p.start() + " 10:00");
      incident(
          f,
          "bad row",
          ReasonCode.NEGATIVE_COUNT.code(),
          "SI-" + bad.getYear() + "-004",
          bad,
          schoolA,
          district(a, schools)[0],
          "意外事件",
          "是",
          0,
          -1,
          1,
          bad + " 12:00",
          bad + " 12:30");
      for (int i = 0; i < schools / 100; i++) {
        int s = rnd.nextInt(schools);
        LocalDate day = p.start().plusDays(rnd.nextInt(p.days()));
        int deaths = rnd.nextInt(10) == 0 ? 1 : 0;
        incident(
            f,
            "random",
            "",
            String.format("SI-R%05d", i),
            day,
            schoolCode(district(s, schools)[0], s),
            district(s, schools)[0],
            types[rnd.nextInt(types.length)],
            rnd.nextBoolean() ? "是" : "否",
            deaths,
            rnd.nextInt(3),
            1 + rnd.nextInt(5),
            day + " 20:00",
            day + " 20:30");
      }
    }
    // a later file corrects the road accident: three injured (latest submitted_at wins)
    try (CsvOut f =
        out(
            "safety_incidents",
            "safety-incidents-" + end.minusDays(1) + ".csv",
            StandardCharsets.UTF_8,
            false,
            Sources.SAFETY_INCIDENTS,
            false)) {
      incident(
          f,
          "correction of SI-" + road.getYear() + "-002: injured 3",
          "",
          "SI-" + road.getYear() + "-002",
          road,
          "",
          districtC,
          "traffic",
          "N",
          0,
          3,
          2,
          road + " 17:00",
          end.minusDays(1) + " 09:00");
    }
  }

  private void incident(CsvOut f, String planted, String reasons, Object... values) {
    long line = f.row(values);
    incidents.add(
        new String[] {
          f.relative,
          String.valueOf(line),
          (String) values[0],
          String.valueOf(values[4]),
          String.valueOf(values[6]),
          String.valueOf(values[8]),
          planted,
          reasons
        });
  }

  // ------------------------------------------------------------------ inspections
  /**
   * The optional inspections and findings sources (docs/rules.md §2.11): planted inspections of
   * every mode (a school inspected twice in 30 days, a self-check and its review, an unannounced
   * visit to a training institution without a school) and findings rectified on time, a day late,
   * open, overdue high-severity, one BAD_DATE (deadline before its inspection) and one
   * UNKNOWN_INSPECTION (both decided by the metrics stage); at larger scales one random routine
   * inspection per 100 schools. Drawn from a stream of its own after every other file, so the other
   * sources are the same bytes; listed in _generator/planted_inspections.csv.
   */
  private void writeInspections(int schools) {
    SplittableRandom rnd = new SplittableRandom(p.seed() * 1_000_003L - 29);
    int a = rnd.nextInt(schools);
    int b = (a + 1 + rnd.nextInt(Math.max(1, schools - 1))) % schools;
    String schoolA = schoolCode(district(a, schools)[0], a);
    String schoolB = schoolCode(district(b, schools)[0], b);
    String districtA = district(a, schools)[0];
    String districtB = district(b, schools)[0];
    String districtC = district(2, schools)[0];
    List<String[]> rows = new ArrayList<>();
    LocalDate i1 = end.minusDays(20);
    LocalDate i2 = end.minusDays(3);
    LocalDate i3 = end.minusDays(10);
    LocalDate i4 = end.minusDays(2);
    LocalDate i5 = end.minusDays(6);
    try (CsvOut f =
        out(
            "inspections",
            "inspections-" + end + ".csv",
            StandardCharsets.UTF_8,
            false,
            Sources.INSPECTIONS,
            true)) {
      Object[][] planted = {
        {"DC-001", i1, "第一督导组", "常规检查", "疫情防控", districtA, schoolA, "", i1 + " 18:00"},
        {"DC-002", i2, "第一督导组", "暗访", "疫情防控", districtA, schoolA, "", i2 + " 18:00"},
        {"DC-003", i3, "", "自查", "安全", districtB, schoolB, "", i3 + " 18:00"},
        {"DC-004", i4, "第二督导组", "复查", "安全", districtB, schoolB, "", i4 + " 18:00"},
        {"DC-005", i5, "第二督导组", "暗访", "校外培训机构", districtC, "", "某某培训学校", i5 + " 18:00"}
      };
      String[] what = {
        "routine epidemic",
        "unannounced epidemic; same school again",
        "self-check safety",
        "review safety",
        "unannounced training institution without school"
      };
      for (int i = 0; i < planted.length; i++)
        rows.add(inspectionRow(f, "inspections", planted[i], what[i], ""));
      for (int i = 0; i < schools / 100; i++) {
        int sc = rnd.nextInt(schools);
        LocalDate day = end.minusDays(rnd.nextInt(30));
        rows.add(
            inspectionRow(
                f,
                "inspections",
                new Object[] {
                  String.format("DC-R%05d", i),
                  day,
                  "",
                  "常规检查",
                  rnd.nextBoolean() ? "疫情防控" : "安全",
                  district(sc, schools)[0],
                  schoolCode(district(sc, schools)[0], sc),
                  "",
                  day + " 18:00"
                },
                "random",
                ""));
      }
    }
    try (CsvOut f =
        out(
            "findings",
            "findings-" + end + ".csv",
            StandardCharsets.UTF_8,
            false,
            Sources.FINDINGS,
            true)) {
      Object[][] planted = {
        {
          "WT-001",
          "DC-001",
          "晨午检",
          "中",
          "晨检记录不全",
          i1.plusDays(7),
          i1.plusDays(7),
          "李四",
          i1.plusDays(7) + " 18:00"
        },
        {
          "WT-002",
          "DC-001",
          "消毒通风",
          "高",
          "教室未按时通风",
          end.minusDays(6),
          end.minusDays(5),
          "李四",
          end.minusDays(5) + " 18:00"
        },
        {"WT-003", "DC-003", "消防", "高", "消防通道堵塞", end.minusDays(4), "", "", i3 + " 18:00"},
        {"WT-004", "DC-003", "实验室危化品", "高", "危化品台账不全", end.minusDays(1), "", "", i3 + " 18:00"},
        {"WT-005", "DC-002", "食堂冷链", "中", "冷链食品未查验", end.plusDays(10), "", "", i2 + " 18:00"},
        {"WT-006", "DC-005", "其他", "低", "未公示防疫制度", end.plusDays(5), "", "", i5 + " 18:00"},
        {"WT-007", "DC-004", "校车", "中", "校车消毒记录缺失", i4.minusDays(18), "", "", i4 + " 18:00"},
        {"WT-008", "DC-999", "防疫物资", "中", "物资储备不足", end.plusDays(3), "", "", i4 + " 18:00"}
      };
      String[] what = {
        "rectified on its deadline",
        "rectified a day late",
        "open; overdue 4 days; high",
        "open; overdue 1 day; high",
        "open; not yet due",
        "open; of the training institution",
        "deadline before its inspection",
        "inspection of no file"
      };
      String[] reasons = {
        "", "", "", "", "", "", ReasonCode.BAD_DATE.code(), ReasonCode.UNKNOWN_INSPECTION.code()
      };
      for (int i = 0; i < planted.length; i++)
        rows.add(inspectionRow(f, "findings", planted[i], what[i], reasons[i]));
    }
    writePlantedList("planted_inspections.csv", rows);
  }

  /**
   * _generator/{@code name}: one line per planted row (source, file, line, id, what, reason codes).
   */
  private void writePlantedList(String name, List<String[]> rows) {
    StringBuilder list = new StringBuilder("source,file,line,id,planted,reason_codes\n");
    rows.forEach(r -> list.append(String.join(",", r)).append('\n'));
    try {
      Files.writeString(
          p.out().resolve("_generator/" + name), list.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] inspectionRow(
      CsvOut f, String source, Object[] values, String planted, String reasons) {
    long line = f.row(values);
    return new String[] {
      source, f.relative, String.valueOf(line), (String) values[0], planted, reasons
    };
  }

  // ------------------------------------------------------------------ campus stays
  /**
   * The optional campus_stays source (留校学生台账, docs/rules.md §2.12): one planted stay per rule of
   * §4.12 on the last day D (approved and open, approved ending on D, approved starting after D,
   * pending, rejected, on campus without guardian contact, on campus with an illness absence dated
   * D), one BAD_DATE (stay_to before stay_from) and one UNKNOWN_PERSON (an ID on no roster). Drawn
   * from a stream of its own after every other file, so the other sources are the same bytes;
   * listed in _generator/planted_campus_stays.csv.
   */
  private void writeCampusStays() {
    if (firstSchoolStudents.size() < 7) return;
    SplittableRandom rnd = new SplittableRandom(p.seed() * 1_000_003L - 31);
    LocalDate from = end.minusDays(4);
    LocalDate to = end.plusDays(2);
    String applied = from.minusDays(3) + " 10:00";
    String submitted = from.minusDays(2) + " 18:00";
    List<String[]> rows = new ArrayList<>();
    try (CsvOut f =
        out(
            "campus_stays",
            "campus_stays-" + end + ".csv",
            StandardCharsets.UTF_8,
            false,
            Sources.CAMPUS_STAYS,
            true)) {
      Object[][] planted = {
        stay(0, "是", from, null, "是", "家长在外地务工", applied, submitted, rnd),
        stay(1, "已审批", from, end, "是", "参加竞赛集训", applied, submitted, rnd),
        stay(2, "是", end.plusDays(1), to, "是", "家长出差", applied, submitted, rnd),
        stay(3, "待审批", from.plusDays(2), to, "否", "家长在外地务工", end + " 08:00", end + " 08:30", rnd),
        stay(4, "否", from, to, "是", "个人意愿", applied, submitted, rnd),
        stay(5, "是", from, to, "否", "家长联系不上", applied, submitted, rnd),
        // stay_to before stay_from
        stay(6, "是", end, from, "是", "家长在外地务工", applied, submitted, rnd),
      };
      String[] what = {
        "approved; open-ended",
        "approved; ends on D",
        "approved; starts after D",
        "pending",
        "rejected",
        "approved; guardian not contacted",
        "stay_to before stay_from"
      };
      String[] reasons = {"", "", "", "", "", "", ReasonCode.BAD_DATE.code()};
      for (int i = 0; i < planted.length; i++)
        rows.add(stayRow(f, planted[i], what[i], reasons[i]));
      // a student with a line-list row dated D (any school), other than those above
      sickOnLastDay.stream()
          .filter(c -> !firstSchoolStudents.subList(0, 7).stream().anyMatch(x -> x[1] == c[1]))
          .findFirst()
          .ifPresent(
              c ->
                  rows.add(
                      stayRow(
                          f,
                          stayOf(
                              (String) c[0],
                              (Person) c[1],
                              "是",
                              from,
                              to,
                              "是",
                              "家长在外地务工",
                              applied,
                              submitted,
                              rnd),
                          "approved; illness absence on D",
                          "")));
      // an ID on no roster
      Person stranger =
          new Person(
              ResidentId.build("330102", LocalDate.of(2008, 3, 3), 996),
              "孙*",
              "student",
              "初二",
              "1班",
              LocalDate.of(2008, 3, 3),
              13);
      rows.add(
          stayRow(
              f,
              stayOf(
                  (String) firstSchoolStudents.get(0)[0],
                  stranger,
                  "是",
                  from,
                  to,
                  "是",
                  "家长在外地务工",
                  applied,
                  submitted,
                  rnd),
              "student on no roster",
              ReasonCode.UNKNOWN_PERSON.code()));
    }
    writePlantedList("planted_campus_stays.csv", rows);
  }

  // ------------------------------------------------------------------ return batches
  /**
   * The optional return_batches source (分批返校安排, docs/rules.md §2.14): the first school's first two
   * grades (in roster order) return after the others of the first day's term start, on start + 2
   * and start + 5 days (先高年级后低年级; with --start 2021-09-01 inside the shipped 2021-autumn term
   * start's window, so those grades are checked against their own dates on the sample's first
   * days). Every row is valid; no random stream is drawn, so the other files are the same bytes.
   */
  private void writeReturnBatches() {
    List<String> grades =
        firstSchoolStudents.stream()
            .map(c -> ((Person) c[1]).grade())
            .filter(g -> g != null && !g.isEmpty())
            .distinct()
            .limit(2)
            .toList();
    if (grades.size() < 2) return;
    String school = (String) firstSchoolStudents.get(0)[0];
    try (CsvOut f =
        out(
            "return_batches",
            "return_batches-" + p.start() + ".csv",
            StandardCharsets.UTF_8,
            false,
            Sources.RETURN_BATCHES,
            true)) {
      f.row(school, grades.get(0), p.start().plusDays(2).toString());
      f.row(school, grades.get(1), p.start().plusDays(5).toString());
    }
  }

  /** The i-th student of the first school staying from .. to (null = open-ended). */
  private Object[] stay(
      int i,
      String approved,
      LocalDate from,
      LocalDate to,
      String guardian,
      String reason,
      String applied,
      String submitted,
      SplittableRandom rnd) {
    Object[] c = firstSchoolStudents.get(i);
    return stayOf(
        (String) c[0],
        (Person) c[1],
        approved,
        from,
        to,
        guardian,
        reason,
        applied,
        submitted,
        rnd);
  }

  private static Object[] stayOf(
      String code,
      Person x,
      String approved,
      LocalDate from,
      LocalDate to,
      String guardian,
      String reason,
      String applied,
      String submitted,
      SplittableRandom rnd) {
    return new Object[] {
      code,
      x.id(),
      "",
      x.name(),
      x.grade(),
      x.className(),
      (1 + rnd.nextInt(6)) + "号楼" + (101 + rnd.nextInt(20)),
      reason,
      applied,
      approved,
      approved.equals("待审批") ? "" : "王老师",
      from.toString(),
      to == null ? "" : to.toString(),
      guardian,
      submitted
    };
  }

  private static String[] stayRow(CsvOut f, Object[] values, String planted, String reasons) {
    long line = f.row(values);
    return new String[] {
      "campus_stays", f.relative, String.valueOf(line), "CS-" + line, planted, reasons
    };
  }

  // ------------------------------------------------------------------ manifests
  private void writeManifests() {
    Path g = p.out().resolve("_generator");
    try {
      Files.createDirectories(g);
      StringBuilder b = new StringBuilder("source,file,line,reason_codes\n");
      planted.forEach(r -> b.append(String.join(",", r)).append('\n'));
      Files.writeString(g.resolve("planted_rows.csv"), b.toString(), StandardCharsets.UTF_8);
      StringBuilder c =
          new StringBuilder(
              "school_code,grade,class_name,diagnosis,first_onset,last_onset,persons,expected_rule\n");
      clusters.forEach(r -> c.append(String.join(",", r)).append('\n'));
      Files.writeString(g.resolve("planted_clusters.csv"), c.toString(), StandardCharsets.UTF_8);
      StringBuilder sig = new StringBuilder("signal_type,school_code,signal_date,persons\n");
      signals.forEach(r -> sig.append(String.join(",", r)).append('\n'));
      Files.writeString(g.resolve("planted_signals.csv"), sig.toString(), StandardCharsets.UTF_8);
      StringBuilder inc =
          new StringBuilder(
              "file,line,incident_id,incident_type,deaths,students_involved,planted,reason_codes\n");
      incidents.forEach(r -> inc.append(String.join(",", r)).append('\n'));
      Files.writeString(g.resolve("planted_incidents.csv"), inc.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, long[]> summary() {
    Map<String, long[]> m = new java.util.TreeMap<>();
    try (var files = Files.walk(p.out())) {
      files
          .filter(Files::isRegularFile)
          .filter(f -> !f.getParent().getFileName().toString().startsWith("_"))
          // summary.csv keeps the contract's eight sources (byte for byte as before the optional
          // safety incidents); _generator/planted_incidents.csv lists every incident row
          .filter(f -> !f.getParent().getFileName().toString().equals("safety_incidents"))
          .forEach(
              f -> {
                long[] s =
                    m.computeIfAbsent(f.getParent().getFileName().toString(), k -> new long[3]);
                s[0]++;
                try {
                  s[1] +=
                      Math.max(
                          0,
                          Files.lines(
                                      f,
                                      f.toString().contains("2021-09-20") || isGb(f)
                                          ? GB18030
                                          : StandardCharsets.UTF_8)
                                  .count()
                              - 1);
                } catch (Exception e) {
                  s[1] += 0;
                }
                s[2] += f.toFile().length();
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder b = new StringBuilder("source,files,rows,bytes\n");
    m.forEach(
        (k, v) ->
            b.append(k)
                .append(',')
                .append(v[0])
                .append(',')
                .append(v[1])
                .append(',')
                .append(v[2])
                .append('\n'));
    try {
      Files.writeString(
          p.out().resolve("_generator/summary.csv"), b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  private static boolean isGb(Path f) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(f)));
      return false;
    } catch (Exception e) {
      return true;
    }
  }
}
