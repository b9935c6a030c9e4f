package io.epiwatch.ingest;

import io.epiwatch.common.Masking;
import io.epiwatch.common.PersonKeys;
import io.epiwatch.common.ReasonCode;
import io.epiwatch.common.ResidentId;
import io.epiwatch.contract.BronzeSchema;
import io.epiwatch.contract.ColumnSpec;
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

  Row validate(Lineage lin, HeaderMap hm, ParsedFile.Rec rec) {
    if (rec.cells().length != hm.width()) return fieldCount(lin, hm, rec);
    List<ColumnSpec> cols = spec.columns();
    Map<String, Object> values = new LinkedHashMap<>();
    LinkedHashSet<String> reasons = new LinkedHashSet<>();
    List<String> details = new ArrayList<>();
    String where = lin.file() + ":" + rec.line() + " ";
    String[] text = new String[cols.size()];
    for (int i = 0; i < cols.size(); i++) {
      int at = hm.index()[i];
      String t = at >= 0 && at < rec.cells().length ? rec.cells()[at] : null;
      text[i] = t == null || t.isBlank() ? null : t.strip();
    }
    String idType = Sources.RESIDENT;
    int idTypeIdx = indexOf("id_type");
    if (idTypeIdx >= 0 && text[idTypeIdx] != null) {
      idType = Sources.ID_TYPE.lookup(text[idTypeIdx]).orElse(null);
    }
    String raw = rec.raw();
    List<Row> identities = new ArrayList<>();
    String idNumber = null;
    String name = null;

    for (int i = 0; i < cols.size(); i++) {
      ColumnSpec c = cols.get(i);
      String t = text[i];
      String label = c.name() + (c.aliases().isEmpty() ? "" : "(" + c.aliases().get(0) + ")");
      if (t == null) {
        if (c.required()) {
          fail(
              reasons,
              details,
              ReasonCode.MISSING_REQUIRED,
              where + label + ": required value is empty");
          continue;
        }
        if (c.defaultValue() == null) {
          values.put(c.name(), null);
          continue;
        }
        t = c.defaultValue();
      }
      switch (c.type()) {
        case STRING -> {
          if (c.name().equals("name")) {
            name = t;
            raw = raw.replace(t, Masking.maskName(t));
          } else {
            values.put(c.name(), t);
          }
        }
        case COUNT -> {
          Optional<Long> n = Values.integer(t);
          if (n.isEmpty() || n.get() > Integer.MAX_VALUE)
            fail(
                reasons,
                details,
                ReasonCode.BAD_NUMBER,
                where + label + ": '" + t + "' is not a whole number");
          else if (n.get() < 0)
            fail(
                reasons,
                details,
                ReasonCode.NEGATIVE_COUNT,
                where + label + ": " + t + " is negative");
          else values.put(c.name(), n.get().intValue());
        }
        case DOSE_NUMBER -> {
          Optional<Long> n = Values.integer(t);
          if (n.isEmpty() || n.get() < 1 || n.get() > 4)
            fail(
                reasons,
                details,
                ReasonCode.UNKNOWN_CODE,
                where + label + ": '" + t + "' is not a dose number 1..4");
          else values.put(c.name(), n.get().intValue());
        }
        case DATE -> {
          Optional<LocalDate> d = Values.date(t);
          if (d.isEmpty()) {
            fail(
                reasons,
                details,
                ReasonCode.BAD_DATE,
                where + label + ": '" + t + "' is not a date (yyyy-MM-dd, yyyy/M/d or yyyyMMdd)");
          } else {
            if (c.eventDate() && d.get().isAfter(runDate))
              fail(
                  reasons,
                  details,
                  ReasonCode.FUTURE_DATE,
                  where + label + ": " + d.get() + " is after the run date " + runDate);
            values.put(c.name(), Date.valueOf(d.get()));
          }
        }
        case TIMESTAMP -> {
          Optional<LocalDateTime> ts = Values.timestamp(t);
          if (ts.isEmpty()) {
            fail(
                reasons,
                details,
                ReasonCode.BAD_DATE,
                where + label + ": '" + t + "' is not a time (yyyy-MM-dd HH:mm[:ss])");
          } else {
            if (c.eventDate() && ts.get().toLocalDate().isAfter(runDate))
              fail(
                  reasons,
                  details,
                  ReasonCode.FUTURE_DATE,
                  where + label + ": " + t + " is after the run date " + runDate);
            values.put(c.name(), Timestamp.from(ts.get().atZone(zone).toInstant()));
          }
        }
        case BOOLEAN -> {
          Optional<String> b = c.vocabulary().lookup(t);
          if (b.isEmpty())
            fail(
                reasons,
                details,
                ReasonCode.UNKNOWN_CODE,
                where + label + ": '" + t + "' is not a yes/no value (是/否, Y/N, 1/0, true/false)");
          else values.put(c.name(), Boolean.valueOf(b.get()));
        }
        case CODE -> {
          if (c.name().equals("id_type")) {
            if (idType == null)
              fail(
                  reasons,
                  details,
                  ReasonCode.UNKNOWN_CODE,
                  where + label + ": '" + t + "' is not one of " + c.vocabulary().codes());
            else values.put(c.name(), idType);
          } else {
            Optional<String> code = c.vocabulary().lookup(t);
            if (code.isEmpty())
              fail(
                  reasons,
                  details,
                  ReasonCode.UNKNOWN_CODE,
                  where + label + ": '" + t + "' is not one of " + c.vocabulary().codes());
            else values.put(c.name(), code.get());
          }
        }
        case CODE_LIST -> {
          LinkedHashSet<String> codes = new LinkedHashSet<>();
          for (String part : SEPARATORS.split(t)) {
            if (part.isBlank()) continue;
            Optional<String> code = c.vocabulary().lookup(part);
            if (code.isEmpty())
              fail(
                  reasons,
                  details,
                  ReasonCode.UNKNOWN_CODE,
                  where
                      + label
                      + ": '"
                      + part.strip()
                      + "' is not one of "
                      + c.vocabulary().codes());
            else codes.add(code.get());
          }
          values.put(c.name(), codes.toArray(new String[0]));
        }
        case ID_NUMBER -> {
          boolean linked = c.name().equals("linked_person_id");
          String type = linked ? Sources.RESIDENT : idType;
          String id = ResidentId.normalize(t);
          raw = raw.replace(t, Masking.maskId(t));
          if (type == null) break; // id_type already failed
          if (type.equals(Sources.RESIDENT) && !ResidentId.isValid(id)) {
            fail(
                reasons,
                details,
                ReasonCode.INVALID_ID_CHECKSUM,
                where
                    + label
                    + ": '"
                    + Masking.maskId(t)
                    + "' is not a valid resident ID (GB 11643 check digit)");
            break;
          }
          String key = keys.key(type, id);
          values.put(BronzeSchema.bronzeName(c), key);
          if (linked) {
            identities.add(identity(key, type, id, null));
          } else {
            idNumber = id;
          }
        }
        case SCHOOL_CODE ->
            check(DIGITS10, t, c, label, where, "10 digits", values, reasons, details);
        case DIVISION_CODE_6 ->
            check(DIGITS6, t, c, label, where, "a 6-digit division code", values, reasons, details);
        case DIVISION_CODE ->
            check(
                DIVISION,
                t,
                c,
                label,
                where,
                "a 6-, 9- or 12-digit division code",
                values,
                reasons,
                details);
        case DESTINATION_CODE -> {
          String u = t.toUpperCase(java.util.Locale.ROOT);
          if (DIVISION.matcher(u).matches() || COUNTRY.matcher(u).matches())
            values.put(c.name(), u);
          else
            fail(
                reasons,
                details,
                ReasonCode.UNKNOWN_CODE,
                where + label + ": '" + t + "' is neither a division code nor a country code");
        }
      }
    }

    // Derived from a resident ID where the row lacks them (docs/rules.md §1).
    if (idNumber != null) {
      String key = (String) values.get("person_key");
      boolean resident = Sources.RESIDENT.equals(idType);
      LocalDate birth = resident ? ResidentId.birthDate(idNumber).orElse(null) : null;
      String sex = resident ? ResidentId.sex(idNumber) : null;
      if (spec.column("birth_date").isPresent()
          && values.get("birth_date") == null
          && birth != null) values.put("birth_date", Date.valueOf(birth));
      if (spec.column("sex").isPresent() && values.get("sex") == null && sex != null)
        values.put("sex", sex);
      identities.add(
          0,
          RowFactory.create(
              key, idType, idNumber, name, birth == null ? null : Date.valueOf(birth), sex));
    }

    // A link given without its type is to a student (the column's former meaning).
    // (A key present with a null value = the cell was empty; absent = the cell failed its check.)
    if (values.get("linked_person_key") != null
        && spec.column("linked_person_type").isPresent()
        && values.containsKey("linked_person_type")
        && values.get("linked_person_type") == null) {
      values.put("linked_person_type", "student");
    }

    for (RowRule rule : spec.rowRules()) applyRule(rule, values, where, reasons, details);

    Map<String, String> extra = new LinkedHashMap<>();
    for (int e = 0; e < hm.extraHeaders().size(); e++) {
      int at = hm.extraIndex()[e];
      extra.put(hm.extraHeaders().get(e), at < rec.cells().length ? rec.cells()[at] : null);
    }

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
    out[bronze.size()] = reasons.toArray(new String[0]);
    out[bronze.size() + 1] = details.toArray(new String[0]);
    out[bronze.size() + 2] = cut(raw);
    out[bronze.size() + 3] = reasons.isEmpty() ? identities.toArray(new Row[0]) : new Row[0];
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
    Object[] out = new Object[bronze.size() + 4];
    for (int f = 0; f < bronze.size(); f++) {
      out[f] =
          switch (bronze.fields()[f].name()) {
            case BronzeSchema.SOURCE_FILE -> lin.file();
            case BronzeSchema.SOURCE_LINE -> rec.line();
            case BronzeSchema.SOURCE_SHA256 -> lin.sha256();
            case BronzeSchema.BATCH_ID -> lin.batchId();
            case BronzeSchema.INGESTED_AT -> lin.ingestedAt();
            default -> null;
          };
    }
    out[bronze.size()] = new String[] {ReasonCode.FIELD_COUNT.code()};
    out[bronze.size() + 1] = new String[] {detail};
    out[bronze.size() + 2] = cut(raw.toString());
    out[bronze.size() + 3] = new Row[0];
    return RowFactory.create(out);
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

  private void applyRule(
      RowRule rule,
      Map<String, Object> v,
      String where,
      LinkedHashSet<String> reasons,
      List<String> details) {
    switch (rule) {
      case PRESENT_GT_EXPECTED -> {
        Integer present = (Integer) v.get("students_present");
        Integer expected = (Integer) v.get("students_expected");
        if (present != null && expected != null && present > expected) {
          fail(
              reasons,
              details,
              ReasonCode.PRESENT_GT_EXPECTED,
              where
                  + "students_present(实到学生数) "
                  + present
                  + " > students_expected(应到学生数) "
                  + expected);
        }
      }
      case ABSENCES_GT_EXPECTED -> {
        Integer expected = (Integer) v.get("students_expected");
        long sum = 0;
        for (String k :
            List.of("students_present", "students_absent_illness", "students_absent_other")) {
          Integer x = (Integer) v.get(k);
          sum += x == null ? 0 : x;
        }
        if (expected != null && sum > expected) {
          fail(
              reasons,
              details,
              ReasonCode.ABSENCES_GT_EXPECTED,
              where + "present + absences " + sum + " > students_expected(应到学生数) " + expected);
        }
      }
      case RETURN_BEFORE_DEPARTURE -> {
        Date dep = (Date) v.get("departure_date");
        Date ret = (Date) v.get("return_date");
        if (dep != null && ret != null && ret.before(dep)) {
          fail(
              reasons,
              details,
              ReasonCode.RETURN_BEFORE_DEPARTURE,
              where + "return_date(返回日期) " + ret + " is before departure_date(离开日期) " + dep);
        }
      }
      case HOUSEHOLD_NEEDS_LINKED_PERSON -> {
        if ("household".equals(v.get("person_type"))
            && v.get("linked_person_key") == null
            && !reasons.contains(ReasonCode.INVALID_ID_CHECKSUM.code())) {
          fail(
              reasons,
              details,
              ReasonCode.MISSING_REQUIRED,
              where + "linked_person_id(关联人员身份证号): required for a household member");
        }
      }
      case SCHOOL_REQUIRED_UNLESS_HOUSEHOLD -> {
        Object type = v.get("person_type");
        if (!"household".equals(type)
            && v.containsKey("school_code")
            && v.get("school_code") == null) {
          fail(
              reasons,
              details,
              ReasonCode.MISSING_REQUIRED,
              where
                  + "school_code(学校标识码): required"
                  + (type == null ? "" : " for a " + type)
                  + " (only a household member may leave it empty)");
        }
      }
      case DESTINATION_MATCHES_ABROAD -> {
        String dest = (String) v.get("destination_code");
        Boolean abroad = (Boolean) v.get("abroad");
        if (dest != null && abroad != null && abroad != COUNTRY.matcher(dest).matches()) {
          fail(
              reasons,
              details,
              ReasonCode.UNKNOWN_CODE,
              where
                  + "destination_code(目的地代码) '"
                  + dest
                  + "' does not fit abroad(是否境外)="
                  + abroad
                  + " (abroad: ISO country code; domestic: division code)");
        }
      }
    }
  }

  private static void check(
      Pattern p,
      String t,
      ColumnSpec c,
      String label,
      String where,
      String expected,
      Map<String, Object> values,
      LinkedHashSet<String> reasons,
      List<String> details) {
    if (p.matcher(t).matches()) values.put(c.name(), t);
    else
      fail(
          reasons,
          details,
          ReasonCode.UNKNOWN_CODE,
          where + label + ": '" + t + "' is not " + expected);
  }

  private static void fail(
      LinkedHashSet<String> reasons, List<String> details, ReasonCode reason, String message) {
    String code = reason.code();
    reasons.add(code);
    details.add(code + " " + message);
  }

  private int indexOf(String column) {
    for (int i = 0; i < spec.columns().size(); i++)
      if (spec.columns().get(i).name().equals(column)) return i;
    return -1;
  }
}
