package io.epiwatch.brief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The follow-up list's order of grades and classes (no Spark). */
class ClassOrderTest {
  @Test
  void gradesRunFromKindergartenToSeniorYearsThenOthersByText() {
    List<String> grades =
        new ArrayList<>(
            Arrays.asList(
                "高三", null, "初一", "十年级", "大班", "二年级", "研一", "小班", "1年级", "高一", "九年级", "中班"));
    grades.sort(ClassOrder.GRADE);
    assertEquals(
        Arrays.asList("小班", "中班", "大班", "1年级", "二年级", "初一", "九年级", "十年级", "高一", "高三", "研一", null),
        grades);
  }

  @Test
  void classesByNumberAndGradeAndClassJoined() {
    List<String> classes = new ArrayList<>(Arrays.asList("10班", null, "2班", "(1)班", "甲班"));
    classes.sort(ClassOrder.CLASS);
    assertEquals(Arrays.asList("(1)班", "2班", "10班", "甲班", null), classes);
    assertEquals("初一 1班", ClassOrder.gradeAndClass("初一", "1班"));
    assertEquals("初一", ClassOrder.gradeAndClass("初一", null));
    assertNull(ClassOrder.gradeAndClass(null, " "));
  }
}
