package io.epiwatch.brief;

import io.epiwatch.common.FindingCategory;
import io.epiwatch.common.IncidentPeriod;
import io.epiwatch.common.OrgLevel;
import io.epiwatch.common.ResponseStatus;
import io.epiwatch.common.VaccinationStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a briefing shows, as plain records: {@link BriefingData} maps the gold slices into these
 * once, and {@link BriefingRenderer} renders them (no Spark type crosses into rendering). One value
 * serves every scope: the renderer picks the rows of the city or of one district.
 *
 * @param date the briefing's date D
 * @param versions Delta version of every table read (gold.* and ops.*), in the order given
 * @param quality data-quality counts of the footer
 * @param supersededAt when later data superseded the as-of snapshots of D; null = they stand
 * @param alertQuietGapDays the policy's quiet gap: an alert is active on a day when its last firing
 *     day is fewer than this many days before it
 * @param vaccinationMinAge the policy's vaccination minimum age (the coverage figures' "N+")
 * @param compliance reporting compliance, D-7..D, every level
 * @param attendance attendance, D-13..D, every level
 * @param causes absences by symptom group on D
 * @param alerts cluster alerts first detected on or before D
 * @param exposure risk exposure as of D (district and city)
 * @param exposurePrevious risk exposure as of D-1 and D-7, when present
 * @param coverage vaccination coverage as of D (district and city)
 * @param campaigns campaign progress as of D (district and city)
 * @param signals case signals dated in the 14 days up to D (every school)
 * @param signalDays case-signal counts as of D, D-1 and D-7, when present (district and city)
 * @param areas exposure by area as of D (district and city)
 * @param vaccinationFollowup never vaccinated and overdue persons as of D, every level, the age
 *     bands the policy vaccinates
 * @param incidents safety incidents as of D (district and city), every period and type
 * @param inspections inspections and findings as of D (district and city), all scopes and
 *     categories
 * @param overdueFindings the overdue high-severity findings as of D (every school and institution)
 * @param deferrals return deferrals as of D (district and city; schools for school_in_risk_area),
 *     empty outside every term start's window
 * @param holiday the school holiday holding D (policy.holidays), null outside every holiday: the
 *     section 留校学生 shows only then
 * @param campusStays students staying on campus as of D (district and city)
 * @param earsAlerts the districts and symptom groups whose district EARS-C2 is at level alert on D
 *     (gold.district_ears; warnings are not briefed)
 */
public record Briefing(
    LocalDate date,
    Map<String, Long> versions,
    Quality quality,
    Instant supersededAt,
    int alertQuietGapDays,
    int vaccinationMinAge,
    List<Compliance> compliance,
    List<Attendance> attendance,
    List<Cause> causes,
    List<Alert> alerts,
    List<Exposure> exposure,
    List<Exposure> exposurePrevious,
    List<Coverage> coverage,
    List<Campaign> campaigns,
    List<Signal> signals,
    List<SignalDay> signalDays,
    List<AreaExposure> areas,
    List<VaccinationFollowup> vaccinationFollowup,
    List<Incidents> incidents,
    List<Inspections> inspections,
    List<OverdueFinding> overdueFindings,
    List<Deferral> deferrals,
    io.epiwatch.config.Policy.Holiday holiday,
    List<CampusStay> campusStays,
    List<EarsAlert> earsAlerts) {

  public Briefing {
    versions =
        java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(versions)); // keeps the order the footer prints
    compliance = List.copyOf(compliance);
    attendance = List.copyOf(attendance);
    causes = List.copyOf(causes);
    alerts = List.copyOf(alerts);
    inspections = List.copyOf(inspections);
    overdueFindings = List.copyOf(overdueFindings);
    exposure = List.copyOf(exposure);
    exposurePrevious = List.copyOf(exposurePrevious);
    coverage = List.copyOf(coverage);
    campaigns = List.copyOf(campaigns);
    signals = List.copyOf(signals);
    signalDays = List.copyOf(signalDays);
    areas = List.copyOf(areas);
    vaccinationFollowup = List.copyOf(vaccinationFollowup);
    incidents = List.copyOf(incidents);
    deferrals = List.copyOf(deferrals);
    campusStays = List.copyOf(campusStays);
    earsAlerts = List.copyOf(earsAlerts);
  }

  /**
   * An organisation of a row: its level, code, name and parent (the district of a school; null at
   * the top).
   */
  public record Org(OrgLevel level, String code, String name, String parentCode) {}

  /**
   * Files rejected, rows quarantined, zero-report contradictions on D, other data-quality flags;
   * receivedThrough: per source (the folder name of ops.ingest_manifest), the latest run date that
   * loaded a file of it; a source without one never had a file loaded. What a source's files carry
   * for a day after that date is not known: no data, not zero.
   */
  public record Quality(
      long filesRejected,
      long rowsQuarantined,
      long contradictions,
      long otherFlags,
      Map<String, LocalDate> receivedThrough) {
    public Quality {
      receivedThrough = Map.copyOf(receivedThrough);
    }

    /** Whether a file of the source was loaded on the day or later, so the day's rows are known. */
    public boolean received(String source, LocalDate day) {
      LocalDate through = receivedThrough.get(source);
      return through != null && !day.isAfter(through);
    }
  }

  /**
   * Compliance of one organisation on one day; status and firstSubmittedAt on school rows only.
   * zeroReportShare: zero reports (零报告) among the reports received.
   */
  public record Compliance(
      LocalDate reportDate,
      Org org,
      SchoolStatus status,
      Instant firstSubmittedAt,
      Double reportingRate,
      Double timelinessRate,
      Double zeroReportShare) {}

  /** A school's reporting status of a day. */
  public enum SchoolStatus {
    ON_TIME,
    LATE,
    MISSING;

    /** gold's status ("on_time", "late", "missing"); null above school level. */
    public static SchoolStatus of(String status) {
      return status == null ? null : valueOf(status.toUpperCase(java.util.Locale.ROOT));
    }

    /** The key of the label in the texts (status.late, ...). */
    public String key() {
      return "status." + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Illness absence rate of one organisation on one day (null = nobody expected), and the fever
   * cases of the morning and noon checks (晨午检) the reports carry.
   */
  public record Attendance(
      LocalDate reportDate, Org org, Double illnessAbsenceRate, long feverCases) {}

  /** Absences of one symptom group on D. */
  public record Cause(Org org, String cause, long cases, Double ratePer1000) {}

  /**
   * One cluster alert. grade/className null for school-wide alerts; diagnosis or symptomGroup name
   * what it counts (both null for EARS-C2); dormitory the unit of a dormitory rule (else null);
   * rate the highest persons / denominator of a firing day of a rate rule (else null).
   */
  public record Alert(
      String rule,
      String districtCode,
      String schoolName,
      String grade,
      String className,
      String symptomGroup,
      String diagnosis,
      LocalDate firstDetected,
      LocalDate lastDetected,
      Long cases,
      boolean active,
      String responseStatus,
      java.time.Instant cdcReportDue,
      java.time.Instant reportedToCdcAt,
      Boolean cdcReportOnTime,
      boolean cdcReportOverdue,
      String dormitory,
      Double rate) {

    /** In the briefing's list of alerts in progress: active, and not discarded or closed. */
    public boolean listed() {
      return active
          && !ResponseStatus.DISCARDED.code().equals(responseStatus)
          && !ResponseStatus.CLOSED.code().equals(responseStatus);
    }
  }

  /**
   * Persons of one exposure category (and person type, match type) of one organisation as of a
   * date. riskArea: the category is a risk area (abroad, or a high or medium risk area), not plain
   * travel out of or within the province.
   */
  public record Exposure(
      LocalDate asOf,
      Org org,
      String category,
      boolean riskArea,
      long persons14d,
      long inMonitoring,
      long away,
      long unapproved,
      long missingTest) {}

  /**
   * Vaccination coverage of one age band (and person type) of one organisation as of D. vaccinable:
   * the band starts at or above the policy's vaccination minimum age.
   */
  public record Coverage(
      Org org,
      String ageBand,
      boolean vaccinable,
      long eligible,
      long contraindicated,
      long dose1,
      long completed) {}

  /** Progress of one organisation against one dated campaign target as of D. */
  public record Campaign(
      Org org,
      String campaignId,
      String ageBand,
      Integer doseNumber,
      LocalDate deadline,
      Double achievedRate,
      Long gapPersons,
      Integer daysLeft,
      boolean lagging) {}

  /**
   * One case signal: what (type, a {@code SignalType} code), where, how many persons, its date and
   * when the data first carried it.
   */
  public record Signal(
      String type,
      String districtCode,
      String schoolName,
      String personType,
      long persons,
      LocalDate signalDate,
      Instant firstSeenAt) {}

  /**
   * Case-signal counts of one organisation as of a date: persons reported confirmed and suspected,
   * covid19 episodes starting and positive tests dated that day, and days since the last confirmed
   * signal (null = none ever).
   */
  public record SignalDay(
      LocalDate asOf,
      Org org,
      long reportConfirmed,
      long reportSuspected,
      long lineListCovid19,
      long testPositive,
      Integer daysSinceLastConfirmed) {}

  /**
   * Persons of one area (risk area or focus area; areaKind null = all areas, distinct persons), one
   * person type and 局直 flag, of one organisation as of D (gold.exposure_by_area).
   */
  public record AreaExposure(
      Org org,
      String areaKind,
      String areaCode,
      String areaName,
      String riskLevel,
      String personType,
      boolean directlyManaged,
      long persons,
      long away,
      long inMonitoring,
      long missingTest,
      long unapproved) {}

  /**
   * Persons of one vaccination follow-up status, person type and age band of one organisation as of
   * D (gold.vaccination_followup).
   */
  public record VaccinationFollowup(
      Org org, String personType, String ageBand, VaccinationStatus status, long persons) {}

  /**
   * Safety incidents of one organisation, period and type ({@code IncidentType} code or "all") as
   * of D (gold.safety_incidents_summary). Null counts: no safety_incidents data was ever received.
   */
  public record Incidents(
      Org org,
      IncidentPeriod period,
      String incidentType,
      Long events,
      Long deathEvents,
      Long deaths,
      Long studentsInvolved,
      Long lateReports) {

    /** No safety_incidents data received: not zero incidents. */
    public boolean noData() {
      return events == null;
    }
  }

  /**
   * Inspections and findings of one organisation as of D, every scope and category
   * (gold.inspection_summary). Null counts: no inspections data was ever received.
   */
  public record Inspections(
      Org org,
      Long schoolsActive,
      Long schoolsInspected,
      Long inspections,
      Long unannounced,
      Long findingsOpen,
      Long findingsOverdue,
      Long findingsDue,
      Long rectifiedOnTime) {

    /** No inspections data received: not zero inspections. */
    public boolean noData() {
      return inspections == null;
    }
  }

  /** An overdue high-severity finding (gold.rectification_ledger), named in the briefing. */
  public record OverdueFinding(
      String districtCode,
      String districtName,
      String schoolName,
      FindingCategory category,
      int daysOverdue,
      LocalDate deadline) {}

  /**
   * One row of gold.return_deferrals as of D (docs/rules.md §4.11): an organisation, term start,
   * person type and reason ({@code DeferralReason} code or "all") with its persons and schools; the
   * all row carries deferred, roster and expected_returning (null on reason rows).
   */
  public record Deferral(
      Org org,
      String termId,
      LocalDate termStart,
      String personType,
      String reason,
      long persons,
      long schools,
      Long deferred,
      Long roster,
      Long expectedReturning) {}

  /**
   * One row of gold.campus_stays as of D (docs/rules.md §4.12). Null counts: no campus_stays data
   * was ever received.
   */
  public record CampusStay(
      Org org, Long onCampus, Long pending, Long noGuardianContact, Long illOrSignal) {

    /** No campus_stays data received: not zero students. */
    public boolean noData() {
      return onCampus == null;
    }
  }

  /**
   * A district and symptom group at level alert of the district EARS-C2 on D (docs/rules.md
   * §4.4.2): the briefing's line under the key figures.
   */
  public record EarsAlert(
      String districtCode, String districtName, String symptomGroup, double z) {}
}
