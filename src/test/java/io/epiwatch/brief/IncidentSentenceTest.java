package io.epiwatch.brief;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.brief.IncidentSentence.TypeCounts;
import io.epiwatch.common.IncidentPeriod;
import io.epiwatch.common.IncidentType;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's safety-incident sentence, character for character (no Spark). */
class IncidentSentenceTest {
  /**
   * S1 (第一篇) as the seed file holds it. The file's text is NFKC-normalised (every full-width comma
   * and parenthesis of the speech became ASCII; 、 and 。 stayed), so the briefing prints the
   * speech's full-width punctuation and its NFKC form must be these exact characters.
   */
  private static final String SEED =
      "发生学生意外死亡事件9起,死亡13人(其中,溺亡事件4起、死亡6人,自杀事件3起、死亡3人,道路交通事故1起、死亡3人,意外事件1起、死亡1人,食品安全1起、涉及学生9人)。";

  /** The seed's own figures, in an order other than the sentence's. */
  private static final List<TypeCounts> SEED_FIGURES =
      List.of(
          new TypeCounts(IncidentType.FOOD_SAFETY, 1, 0, 0, 9),
          new TypeCounts(IncidentType.TRAFFIC, 1, 1, 3, 1),
          new TypeCounts(IncidentType.DROWNING, 4, 4, 6, 4),
          new TypeCounts(IncidentType.ACCIDENT, 1, 1, 1, 1),
          new TypeCounts(IncidentType.SUICIDE, 3, 3, 3, 3));

  @Test
  void theSeedsFiguresGiveTheSeedsSentence() {
    long deathEvents = SEED_FIGURES.stream().mapToLong(TypeCounts::deathEvents).sum();
    long deaths = SEED_FIGURES.stream().mapToLong(TypeCounts::deaths).sum();
    assertEquals(9, deathEvents);
    assertEquals(13, deaths);
    String s = IncidentSentence.zh(IncidentPeriod.YTD, deathEvents, deaths, SEED_FIGURES);
    assertEquals(
        "今年以来发生学生意外死亡事件9起，死亡13人（其中，溺亡事件4起、死亡6人，自杀事件3起、死亡3人，道路交通事故1起、死亡3人，意外事件1起、死亡1人，食品安全1起、涉及学生9人）。",
        s);
    assertEquals(SEED, Normalizer.normalize(s.substring("今年以来".length()), Normalizer.Form.NFKC));
  }

  @Test
  void theOpeningFollowsThePeriod() {
    assertEquals(
        "去年同期发生学生意外死亡事件0起，死亡0人（其中，食品安全1起、涉及学生9人）。",
        IncidentSentence.zh(
            IncidentPeriod.SAME_PERIOD_LAST_YEAR,
            0,
            0,
            List.of(new TypeCounts(IncidentType.FOOD_SAFETY, 1, 0, 0, 9))));
    assertEquals(
        "近30日发生学生意外死亡事件0起，死亡0人。", IncidentSentence.zh(IncidentPeriod.LAST_30D, 0, 0, List.of()));
  }

  @Test
  void aTypeWithDeathsListsOnlyItsDeathEvents() {
    // 3 drownings, 2 of them fatal: the sentence counts the fatal ones, as the seed does
    assertEquals(
        "今年以来发生学生意外死亡事件2起，死亡2人（其中，溺亡事件2起、死亡2人）。",
        IncidentSentence.zh(
            IncidentPeriod.YTD, 2, 2, List.of(new TypeCounts(IncidentType.DROWNING, 3, 2, 2, 5))));
  }

  @Test
  void theEnglishSentenceHasTheSameCounts() {
    assertEquals(
        "Since the start of the year: 9 incidents with student deaths, 13 deaths (drowning 4 incidents, 6 deaths; "
            + "suicide 3 incidents, 3 deaths; road traffic 1 incident, 3 deaths; accident 1 incident, 1 death; "
            + "food safety 1 incident, 9 students involved).",
        IncidentSentence.en(IncidentPeriod.YTD, 9, 13, SEED_FIGURES));
  }
}
