package io.epiwatch.brief;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The seed's per-area sentence, character for character (no Spark). */
class AreaSentenceTest {
  @Test
  void theSentenceIsTheSeedsWording() {
    AreaSentence.Counts c = new AreaSentence.Counts(12, 3, 40, 9, 25, 6, 0, 0, 30, 4, 2);
    assertEquals(
        "往来南京市：教职工 12 人（局直学校 3 人）、学生 40 人（局直学校 9 人）、与学生同住亲属 25 人（局直学校 6 人）；健康监测中 30 人，返回后未做核酸 4 人，未报备 2 人。",
        AreaSentence.zh("南京市", c));
    assertEquals(
        "Travel to Nanjing: staff 12 (3 in directly managed schools), students 40 (9 in directly managed schools), "
            + "household members 25 (6 in directly managed schools); in health monitoring 30, no nucleic test after return 4, not reported 2.",
        AreaSentence.en("Nanjing", c));
  }

  @Test
  void contractorsAreNamedOnlyWhenThereAreAny() {
    AreaSentence.Counts c = new AreaSentence.Counts(0, 0, 1, 0, 0, 0, 2, 1, 0, 0, 0);
    assertEquals(
        "往来上海市浦东新区：教职工 0 人（局直学校 0 人）、学生 1 人（局直学校 0 人）、与学生同住亲属 0 人（局直学校 0 人）、其他人员 2 人（局直学校 1 人）；健康监测中 0 人，返回后未做核酸 0 人，未报备 0 人。",
        AreaSentence.zh("上海市浦东新区", c));
  }
}
