package io.epiwatch.ingest;

import io.epiwatch.common.Masking;
import io.epiwatch.common.PersonKeys;
import io.epiwatch.common.ReasonCode;
import io.epiwatch.common.ResidentId;
import io.epiwatch.contract.BronzeSchema;
import io.epiwatch.contract.ColumnSpec;
import io.epiwatch.contract.ColumnType;
import io.epiwatch.contract.RowRule;
import io.epiwatch.contract.SourceSpec;
import io.epiwatch.contract.Sources;
import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The validation engine: evaluates a source's declared columns and row rules on one record, giving
 * typed values, every reason code that applies with a message naming file, line, column and value,
 * the raw line with identity cells masked, and the identities found. Quarantine is then a filter on
 * the reasons column. UNKNOWN_SCHOOL needs the schools table and is added by {@link IngestJob} as a
 * join.
 *
 * <p>{@link #validate} is a composition of small pieces: each cell is read by one check per column
 * type ({@link #typed}, giving a {@link Cell}: the value and its {@link Finding}s), the ID number
 * cells are masked and keyed, birth date and sex are derived from a resident ID, and each declared
 * {@link RowRule} is one method returning what it finds; the findings keep the order in which the
 * columns and rules are declared.
 */
final class RowValidator implements Serializable {
  private static final Pattern DIGITS10 = Pattern.compile("\\d{10}");
  private static final Pattern DIGITS6 = Pattern.compile("\\d{6}");
  private static final Pattern DIVISION = Pattern.compile("\\d{6}|\\d{9}|\\d{12}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern SEPARATORS = Pattern.compile("[;；、,，]");

  static final String REASONS = "_reasons";
  static final String DETAILS = "_details";
  static final String RAW = "_raw_line";
  static final String IDENTITIES = "_identities";

  static final StructType IDENTITY =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField("person_key", DataTypes.StringType, false),
            DataTypes.createStructField("id_type", DataTypes.StringType, false),
            DataTypes.createStructField("id_number", DataTypes.StringType, false),
            DataTypes.createStructField("name", DataTypes.StringType, true),
            DataTypes.createStructField("birth_date", DataTypes.DateType, true),
            DataTypes.createStructField("sex", DataTypes.StringType, true)
          });

  private final SourceSpec spec;
  private final ZoneId zone;
  private final LocalDate runDate;
  private final PersonKeys keys;
  private final StructType bronze;

  RowValidator(SourceSpec spec, ZoneId zone, LocalDate runDate, PersonKeys keys) {
    this.spec = spec;
    this.zone = zone;
    this.runDate = runDate;
    this.keys = keys;
    this.bronze = BronzeSchema.of(spec);
  }

  /** Bronze columns followed by the validation columns. */
  static StructType stagingSchema(SourceSpec spec) {
    StructType s = BronzeSchema.of(spec);
    return s.add(REASONS, DataTypes.createArrayType(DataTypes.StringType, false), false)
        .add(DETAILS, DataTypes.createArrayType(DataTypes.StringType, false), false)
        .add(RAW, DataTypes.StringType, true)
        .add(IDENTITIES, DataTypes.createArrayType(IDENTITY, false), false);
  }

  /** Where each spec column sits in a file's records (-1 = absent), and the unknown headers. */
  record HeaderMap(int[] index, List<String> extraHeaders, int[] extraIndex, int width)
      implements Serializable {
    static HeaderMap of(SourceSpec spec, String[] header) {
      int[] idx = new int[spec.columns().size()];
      java.util.Arrays.fill(idx, -1);
      List<String> extra = new ArrayList<>();
      List<Integer> extraIdx = new ArrayList<>();
      for (int h = 0; h < header.length; h++) {
        Optional<ColumnSpec> c = spec.forHeader(header[h]);
        if (c.isPresent()) {
          int ci = spec.columns().indexOf(c.get());
          if (idx[ci] < 0) idx[ci] = h;
        } else if (!header[h].isBlank()) {
          extra.add(header[h].strip());
          extraIdx.add(h);
        }
      }
      return new HeaderMap(
          idx, extra, extraIdx.stream().mapToInt(Integer::intValue).toArray(), header.length);
    }

    List<ColumnSpec> missingRequired(SourceSpec spec) {
      List<ColumnSpec> m = new ArrayList<>();
      for (int i = 0; i < index.length; i++) {
        ColumnSpec c = spec.columns().get(i);
        if (c.required() && index[i] < 0) m.add(c);
      }
      return m;
    }
  }

  record Lineage(String file, String sha256, String batchId, Timestamp ingestedAt)
      implements Serializable {}

  /**
   * Longest raw_line kept in quarantine; longer lines are cut (the inbox file keeps the original).
   */
  static final int RAW_LIMIT = 10_000;

  /** One finding on a record: a reason code and its message (file:line, column, value). */
  record Finding(ReasonCode reason, String message) {}

  /**
   * One cell's outcome: its typed value unless the cell failed its check ({@code hasValue} false),
   * and what it found, in order. A value and findings together: a future event date keeps its
   * value, a code list keeps the codes it knows.
   */
  record Cell(boolean hasValue, Object value, List<Finding> findings) {
    static Cell of(Object value) {
      return new Cell(true, value, List.of());
    }

    static Cell failed(ReasonCode reason, String message) {
      return new Cell(false, null, List.of(new Finding(reason, message)));
    }
  }

  /**
   * What validating one record gathers: values by column (a column present with null = its cell was
   * empty; absent = its cell failed its check), reasons in the order found, the raw line with
   * identity cells masked, and the identities.
   */
  private static final class Gathered {
    final Map<String, Object> values = new LinkedHashMap<>();
    final LinkedHashSet<String> reasons = new LinkedHashSet<>();
    final List<String> details = new ArrayList<>();
    final List<Row> identities = new ArrayList<>();
    String raw;
    String name;
    String idNumber;

    Gathered(String raw) {
      this.raw = raw;
    }

    void add(Finding f) {
      String code = f.reason().code();
      reasons.add(code);
      details.add(code + " " + f.message());
    }

    void take(String column, Cell c) {
      if (c.hasValue()) values.put(column, c.value());
      c.findings().forEach(this::add);
    }
  }

  Row validate(Lineage lin, HeaderMap hm, ParsedFile.Rec rec) {
    if (rec.cells().length != hm.width()) return fieldCount(lin, hm, rec);
    String where = lin.file() + ":" + rec.line() + " ";
    String[] text = cellTexts(hm, rec);
    String idType = idType(text);
    Gathered g = new Gathered(rec.raw());
    for (int i = 0; i < text.length; i++)
      readCell(g, spec.columns().get(i), text[i], idType, where);
    deriveFromResidentId(g, idType);
    defaultLinkedPersonType(g.values);
    for (RowRule rule : spec.rowRules())
      ruleFinding(rule, g.values, g.reasons, where, zone).ifPresent(g::add);
    return row(
        lin,
        rec,
        g.values,
        extraColumns(hm, rec),
        g.reasons.toArray(new String[0]),
        g.details.toArray(new String[0]),
        g.raw,
        g.reasons.isEmpty() ? g.identities.toArray(new Row[0]) : new Row[0]);
  }

  /** Each declared column's stripped cell text in declaration order (null: absent or blank). */
  private String[] cellTexts(HeaderMap hm, ParsedFile.Rec rec) {
    String[] text = new String[spec.columns().size()];
    for (int i = 0; i < text.length; i++) {
      int at = hm.index()[i];
      String t = at >= 0 && at < rec.cells().length ? rec.cells()[at] : null;
      text[i] = t == null || t.isBlank() ? null : t.strip();
    }
    return text;
  }

  /** The row's ID type: resident unless an id_type cell says otherwise (null: an unknown type). */
  private String idType(String[] text) {
    int at = indexOf("id_type");
    if (at < 0 || text[at] == null) return Sources.RESIDENT;
    return Sources.ID_TYPE.lookup(text[at]).orElse(null);
  }

  /** A column as messages name it: {@code name(first alias)}. */
  private static String label(ColumnSpec c) {
    return c.name() + (c.aliases().isEmpty() ? "" : "(" + c.aliases().get(0) + ")");
  }

  /** One cell: empty or defaulted, the name (masked in raw), an ID number, or a typed value. */
  private void readCell(Gathered g, ColumnSpec c, String text, String idType, String where) {
    String at = where + label(c);
    String t = text;
    if (t == null) {
      if (c.required()) {
        g.add(new Finding(ReasonCode.MISSING_REQUIRED, at + ": required value is empty"));
        return;
      }
      if (c.defaultValue() == null) {
        g.values.put(c.name(), null);
        return;
      }
      t = c.defaultValue();
    }
    if (c.type() == ColumnType.STRING && c.name().equals("name")) {
      g.name = t;
      g.raw = g.raw.replace(t, Masking.maskName(t));
    } else if (c.type() == ColumnType.ID_NUMBER) {
      readIdNumber(g, c, t, idType, at);
    } else {
      g.take(c.name(), typed(c, t, idType, at));
    }
  }

  /**
   * A non-empty cell of a value column as its declared type; {@code at} is "file:line column".
   * Pure: the same text always gives the same cell.
   */
  private Cell typed(ColumnSpec c, String t, String idType, String at) {
    return switch (c.type()) {
      case STRING -> Cell.of(t);
      case COUNT -> count(t, at);
      case DOSE_NUMBER -> doseNumber(t, at);
      case DATE -> date(t, at, c.eventDate());
      case TIMESTAMP -> timestamp(t, at, c.eventDate());
      case BOOLEAN -> yesNo(c, t, at);
      case CODE -> c.name().equals("id_type") ? idTypeCell(c, t, idType, at) : code(c, t, at);
      case CODE_LIST -> codeList(c, t, at);
      case SCHOOL_CODE -> matching(DIGITS10, t, at, "10 digits");
      case DIVISION_CODE_6 -> matching(DIGITS6, t, at, "a 6-digit division code");
      case DIVISION_CODE -> matching(DIVISION, t, at, "a 6-, 9- or 12-digit division code");
      case DESTINATION_CODE -> destination(t, at);
      case ID_NUMBER -> throw new IllegalArgumentException(at + ": an ID number is not a value");
    };
  }

  private static Cell count(String t, String at) {
    Optional<Long> n = Values.integer(t);
    if (n.isEmpty() || n.get() > Integer.MAX_VALUE)
      return Cell.failed(ReasonCode.BAD_NUMBER, at + ": '" + t + "' is not a whole number");
    if (n.get() < 0) return Cell.failed(ReasonCode.NEGATIVE_COUNT, at + ": " + t + " is negative");
    return Cell.of(n.get().intValue());
  }

  private static Cell doseNumber(String t, String at) {
    Optional<Long> n = Values.integer(t);
    if (n.isEmpty() || n.get() < 1 || n.get() > 4)
      return Cell.failed(ReasonCode.UNKNOWN_CODE, at + ": '" + t + "' is not a dose number 1..4");
    return Cell.of(n.get().intValue());
  }

  private Cell date(String t, String at, boolean eventDate) {
    Optional<LocalDate> d = Values.date(t);
    if (d.isEmpty())
      return Cell.failed(
          ReasonCode.BAD_DATE,
          at + ": '" + t + "' is not a date (yyyy-MM-dd, yyyy/M/d or yyyyMMdd)");
    Date value = Date.valueOf(d.get());
    if (eventDate && d.get().isAfter(runDate))
      return future(value, at + ": " + d.get() + " is after the run date " + runDate);
    return Cell.of(value);
  }

  private Cell timestamp(String t, String at, boolean eventDate) {
    Optional<LocalDateTime> ts = Values.timestamp(t);
    if (ts.isEmpty())
      return Cell.failed(
          ReasonCode.BAD_DATE, at + ": '" + t + "' is not a time (yyyy-MM-dd HH:mm[:ss])");
    Timestamp value = Timestamp.from(ts.get().atZone(zone).toInstant());
    if (eventDate && ts.get().toLocalDate().isAfter(runDate))
      return future(value, at + ": " + t + " is after the run date " + runDate);
    return Cell.of(value);
  }

  /** FUTURE_DATE keeps the value: the row is quarantined, its other checks still run. */
  private static Cell future(Object value, String message) {
    return new Cell(true, value, List.of(new Finding(ReasonCode.FUTURE_DATE, message)));
  }

  private static Cell yesNo(ColumnSpec c, String t, String at) {
    Optional<String> b = c.vocabulary().lookup(t);
    if (b.isEmpty())
      return Cell.failed(
          ReasonCode.UNKNOWN_CODE,
          at + ": '" + t + "' is not a yes/no value (是/否, Y/N, 1/0, true/false)");
    return Cell.of(Boolean.valueOf(b.get()));
  }

  /** The id_type cell, already looked up by {@link #idType}. */
  private static Cell idTypeCell(ColumnSpec c, String t, String idType, String at) {
    if (idType == null) return notOneOf(c, t, at);
    return Cell.of(idType);
  }

  private static Cell code(ColumnSpec c, String t, String at) {
    Optional<String> code = c.vocabulary().lookup(t);
    return code.isEmpty() ? notOneOf(c, t, at) : Cell.of(code.get());
  }

  private static Cell notOneOf(ColumnSpec c, String t, String at) {
    return Cell.failed(
        ReasonCode.UNKNOWN_CODE, at + ": '" + t + "' is not one of " + c.vocabulary().codes());
  }

  /** Codes separated by ; ； 、 , or ，: the known ones kept, each unknown one a finding. */
  private static Cell codeList(ColumnSpec c, String t, String at) {
    LinkedHashSet<String> codes = new LinkedHashSet<>();
    List<Finding> findings = new ArrayList<>();
    for (String part : SEPARATORS.split(t)) {
      if (part.isBlank()) continue;
      Optional<String> code = c.vocabulary().lookup(part);
      if (code.isEmpty()) findings.addAll(notOneOf(c, part.strip(), at).findings());
      else codes.add(code.get());
    }
    return new Cell(true, codes.toArray(new String[0]), findings);
  }

  private static Cell matching(Pattern p, String t, String at, String expected) {
    if (p.matcher(t).matches()) return Cell.of(t);
    return Cell.failed(ReasonCode.UNKNOWN_CODE, at + ": '" + t + "' is not " + expected);
  }

  private static Cell destination(String t, String at) {
    String u = t.toUpperCase(java.util.Locale.ROOT);
    if (DIVISION.matcher(u).matches() || COUNTRY.matcher(u).matches()) return Cell.of(u);
    return Cell.failed(
        ReasonCode.UNKNOWN_CODE,
        at + ": '" + t + "' is neither a division code nor a country code");
  }

  /**
   * An ID number cell: masked in raw, checked (GB 11643 for a resident ID), replaced by its person
   * key. The row's own ID is kept for {@link #deriveFromResidentId}; a linked person's is an
   * identity of its own (always a resident ID).
   */
  private void readIdNumber(Gathered g, ColumnSpec c, String t, String idType, String at) {
    boolean linked = c.name().equals("linked_person_id");
    String type = linked ? Sources.RESIDENT : idType;
    String id = ResidentId.normalize(t);
    g.raw = g.raw.replace(t, Masking.maskId(t));
    if (type == null) return; // id_type already failed
    if (type.equals(Sources.RESIDENT) && !ResidentId.isValid(id)) {
      g.add(
          new Finding(
              ReasonCode.INVALID_ID_CHECKSUM,
              at
                  + ": '"
                  + Masking.maskId(t)
                  + "' is not a valid resident ID (GB 11643 check digit)"));
      return;
    }
    String key = keys.key(type, id);
    g.values.put(BronzeSchema.bronzeName(c), key);
    if (linked) g.identities.add(identity(key, type, id, null));
    else g.idNumber = id;
  }

  /**
   * Birth date and sex derived from a resident ID where the row lacks them (docs/rules.md §1); the
   * row's own identity goes first.
   */
  private void deriveFromResidentId(Gathered g, String idType) {
    if (g.idNumber == null) return;
    Row id = identity((String) g.values.get("person_key"), idType, g.idNumber, g.name);
    Date birth = (Date) id.get(4);
    String sex = id.getString(5);
    if (spec.column("birth_date").isPresent()
        && g.values.get("birth_date") == null
        && birth != null) g.values.put("birth_date", birth);
    if (spec.column("sex").isPresent() && g.values.get("sex") == null && sex != null)
      g.values.put("sex", sex);
    g.identities.add(0, id);
  }

  /**
   * A link given without its type is to a student (the column's former meaning). Only where the
   * type cell was empty, not where it failed its check.
   */
  private void defaultLinkedPersonType(Map<String, Object> values) {
    if (values.get("linked_person_key") != null
        && spec.column("linked_person_type").isPresent()
        && values.containsKey("linked_person_type")
        && values.get("linked_person_type") == null) {
      values.put("linked_person_type", "student");
    }
  }

  /** The unknown headers' cells, by header, for bronze's extra_columns. */
  private static Map<String, String> extraColumns(HeaderMap hm, ParsedFile.Rec rec) {
    Map<String, String> extra = new LinkedHashMap<>();
    for (int e = 0; e < hm.extraHeaders().size(); e++) {
      int at = hm.extraIndex()[e];
      extra.put(hm.extraHeaders().get(e), at < rec.cells().length ? rec.cells()[at] : null);
    }
    return extra;
  }

  /** The staging row: bronze columns (lineage, values, extra columns), then validation columns. */
  private Row row(
      Lineage lin,
      ParsedFile.Rec rec,
      Map<String, Object> values,
      Map<String, String> extra,
      String[] reasons,
      String[] details,
      String raw,
      Row[] identities) {
    Object[] out = new Object[bronze.size() + 4];
    for (int f = 0; f < bronze.size(); f++) {
      String n = bronze.fields()[f].name();
      out[f] =
          switch (n) {
            case BronzeSchema.SOURCE_FILE -> lin.file();
            case BronzeSchema.SOURCE_LINE -> rec.line();
            case BronzeSchema.SOURCE_SHA256 -> lin.sha256();
            case BronzeSchema.BATCH_ID -> lin.batchId();
            case BronzeSchema.INGESTED_AT -> lin.ingestedAt();
            case BronzeSchema.EXTRA ->
                extra.isEmpty() ? null : scala.jdk.javaapi.CollectionConverters.asScala(extra);
            default -> values.get(n);
          };
    }
    out[bronze.size()] = reasons;
    out[bronze.size() + 1] = details;
    out[bronze.size() + 2] = cut(raw);
    out[bronze.size() + 3] = identities;
    return RowFactory.create(out);
  }

  /**
   * FIELD_COUNT: a record with more or fewer fields than the header is never loaded (its values
   * cannot be matched to columns: extra fields would be dropped, missing ones read as empty). Its
   * other cells are not checked, since every reason would be a guess. The identity cells may have
   * shifted by up to the difference in field count, so every cell within that distance of an
   * identity column is masked in raw_line.
   */
  private Row fieldCount(Lineage lin, HeaderMap hm, ParsedFile.Rec rec) {
    String[] cells = rec.cells().clone();
    int delta = Math.abs(cells.length - hm.width());
    boolean[] mask = new boolean[cells.length];
    for (int i = 0; i < spec.columns().size(); i++) {
      int at = hm.index()[i];
      if (at < 0 || !spec.columns().get(i).personal()) continue;
      for (int k = Math.max(0, at - delta); k <= Math.min(cells.length - 1, at + delta); k++)
        mask[k] = true;
    }
    StringBuilder raw = new StringBuilder();
    for (int k = 0; k < cells.length; k++) {
      String c = cells[k] == null ? "" : cells[k];
      if (mask[k] && !c.isBlank())
        c =
            c.chars().filter(Character::isDigit).count() >= 4
                ? Masking.maskId(c)
                : Masking.maskName(c);
      if (k > 0) raw.append(',');
      raw.append(
          c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")
              ? '"' + c.replace("\"", "\"\"") + '"'
              : c);
    }
    String detail =
        ReasonCode.FIELD_COUNT.code()
            + " "
            + lin.file()
            + ":"
            + rec.line()
            + " has "
            + cells.length
            + " field(s), the header has "
            + hm.width()
            + (cells.length > hm.width()
                ? " (an unquoted comma in a value?)"
                : " (a cut or incomplete line?)")
            + "; the row is not loaded";
    return row(
        lin,
        rec,
        Map.of(),
        Map.of(),
        new String[] {ReasonCode.FIELD_COUNT.code()},
        new String[] {detail},
        raw.toString(),
        new Row[0]);
  }

  private static String cut(String raw) {
    if (raw == null || raw.length() <= RAW_LIMIT) return raw;
    return raw.substring(0, RAW_LIMIT) + "… (cut: " + raw.length() + " characters in all)";
  }

  private Row identity(String key, String type, String id, String name) {
    LocalDate birth = Sources.RESIDENT.equals(type) ? ResidentId.birthDate(id).orElse(null) : null;
    return RowFactory.create(
        key,
        type,
        id,
        name,
        birth == null ? null : Date.valueOf(birth),
        Sources.RESIDENT.equals(type) ? ResidentId.sex(id) : null);
  }

  /** What one row rule finds on a record's values (docs/rules.md §1), if anything. */
  private static Optional<Finding> ruleFinding(
      RowRule rule, Map<String, Object> v, Set<String> reasons, String where, ZoneId zone) {
    return switch (rule) {
      case PRESENT_GT_EXPECTED -> presentGtExpected(v, where);
      case ABSENCES_GT_EXPECTED -> absencesGtExpected(v, where);
      case RETURN_BEFORE_DEPARTURE -> returnBeforeDeparture(v, where);
      case HOUSEHOLD_NEEDS_LINKED_PERSON -> householdNeedsLinkedPerson(v, reasons, where);
      case SCHOOL_REQUIRED_UNLESS_HOUSEHOLD -> schoolRequiredUnlessHousehold(v, where);
      case DESTINATION_MATCHES_ABROAD -> destinationMatchesAbroad(v, where);
      case REPORTED_BEFORE_INCIDENT -> reportedBeforeIncident(v, where, zone);
      case STAY_TO_BEFORE_FROM -> stayToBeforeFrom(v, where);
    };
  }

  private static Optional<Finding> presentGtExpected(Map<String, Object> v, String where) {
    Integer present = (Integer) v.get("students_present");
    Integer expected = (Integer) v.get("students_expected");
    if (present == null || expected == null || present <= expected) return Optional.empty();
    return Optional.of(
        new Finding(
            ReasonCode.PRESENT_GT_EXPECTED,
            where
                + "students_present(实到学生数) "
                + present
                + " > students_expected(应到学生数) "
                + expected));
  }

  private static Optional<Finding> absencesGtExpected(Map<String, Object> v, String where) {
    Integer expected = (Integer) v.get("students_expected");
    long sum = 0;
    for (String k :
        List.of("students_present", "students_absent_illness", "students_absent_other")) {
      Integer x = (Integer) v.get(k);
      sum += x == null ? 0 : x;
    }
    if (expected == null || sum <= expected) return Optional.empty();
    return Optional.of(
        new Finding(
            ReasonCode.ABSENCES_GT_EXPECTED,
            where + "present + absences " + sum + " > students_expected(应到学生数) " + expected));
  }

  private static Optional<Finding> returnBeforeDeparture(Map<String, Object> v, String where) {
    Date dep = (Date) v.get("departure_date");
    Date ret = (Date) v.get("return_date");
    if (dep == null || ret == null || !ret.before(dep)) return Optional.empty();
    return Optional.of(
        new Finding(
            ReasonCode.RETURN_BEFORE_DEPARTURE,
            where + "return_date(返回日期) " + ret + " is before departure_date(离开日期) " + dep));
  }

  /** campus_stays: an end before the start is a date error (BAD_DATE, as findings' dates). */
  private static Optional<Finding> stayToBeforeFrom(Map<String, Object> v, String where) {
    Date from = (Date) v.get("stay_from");
    Date to = (Date) v.get("stay_to");
    if (from == null || to == null || !to.before(from)) return Optional.empty();
    return Optional.of(
        new Finding(
            ReasonCode.BAD_DATE,
            where + "stay_to(留校结束日期) " + to + " is before stay_from(留校开始日期) " + from));
  }

  /**
   * The local date of reported_at (timestamps are read in the configured zone) vs incident_date.
   */
  private static Optional<Finding> reportedBeforeIncident(
      Map<String, Object> v, String where, ZoneId zone) {
    Date incident = (Date) v.get("incident_date");
    Timestamp reported = (Timestamp) v.get("reported_at");
    if (incident == null || reported == null) return Optional.empty();
    if (!reported.toInstant().atZone(zone).toLocalDate().isBefore(incident.toLocalDate()))
      return Optional.empty();
    return Optional.of(
        new Finding(
            ReasonCode.REPORTED_BEFORE_INCIDENT,
            where
                + "reported_at(上报时间) "
                + reported
                + " is before incident_date(事件日期) "
                + incident));
  }

  /** Not when the linked ID was given but failed its check: that reason says it already. */
  private static Optional<Finding> householdNeedsLinkedPerson(
      Map<String, Object> v, Set<String> reasons, String where) {
    if (!"household".equals(v.get("person_type"))
        || v.get("linked_person_key") != null
        || reasons.contains(ReasonCode.INVALID_ID_CHECKSUM.code())) return Optional.empty();
    return Optional.of(
        new Finding(
            ReasonCode.MISSING_REQUIRED,
            where + "linked_person_id(关联人员身份证号): required for a household member"));
  }

  private static Optional<Finding> schoolRequiredUnlessHousehold(
      Map<String, Object> v, String where) {
    Object type = v.get("person_type");
    if ("household".equals(type) || !v.containsKey("school_code") || v.get("school_code") != null)
      return Optional.empty();
    return Optional.of(
        new Finding(
            ReasonCode.MISSING_REQUIRED,
            where
                + "school_code(学校标识码): required"
                + (type == null ? "" : " for a " + type)
                + " (only a household member may leave it empty)"));
  }

  private static Optional<Finding> destinationMatchesAbroad(Map<String, Object> v, String where) {
    String dest = (String) v.get("destination_code");
    Boolean abroad = (Boolean) v.get("abroad");
    if (dest == null || abroad == null || abroad == COUNTRY.matcher(dest).matches())
      return Optional.empty();
    return Optional.of(
        new Finding(
            ReasonCode.UNKNOWN_CODE,
            where
                + "destination_code(目的地代码) '"
                + dest
                + "' does not fit abroad(是否境外)="
                + abroad
                + " (abroad: ISO country code; domestic: division code)"));
  }

  private int indexOf(String column) {
    for (int i = 0; i < spec.columns().size(); i++)
      if (spec.columns().get(i).name().equals(column)) return i;
    return -1;
  }
}
