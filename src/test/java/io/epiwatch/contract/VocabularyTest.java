package io.epiwatch.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  private final Vocabulary sex =
      Vocabulary.of("sex", "male", List.of("男", "m"), "female", List.of("女", "f"));

  @Test
  void codesAndAliasesLookUpCaseInsensitivelyAndTrimmed() {
    assertEquals(Optional.of("male"), sex.lookup("male"));
    assertEquals(Optional.of("male"), sex.lookup(" MALE "));
    assertEquals(Optional.of("female"), sex.lookup("女"));
    assertEquals(Optional.of("female"), sex.lookup("F"));
  }

  @Test
  void unknownOrMissingSpellingsAreEmpty() {
    assertEquals(Optional.empty(), sex.lookup("unknown"));
    assertEquals(Optional.empty(), sex.lookup(""));
    assertEquals(Optional.empty(), sex.lookup(null));
  }

  @Test
  void codesKeepTheirOrderAndTheFirstAliasIsTheChineseName() {
    assertEquals(List.of("male", "female"), sex.codes());
    assertEquals("女", sex.chinese("female"));
    assertEquals("other", sex.chinese("other"));
  }

  @Test
  void everyShippedVocabularyResolvesItsOwnCodesAndChineseNames() {
    for (Vocabulary v :
        List.of(
            Sources.ID_TYPE,
            Sources.SCHOOL_TYPE,
            Sources.PERSON_TYPE,
            Sources.TRAVELLER_TYPE,
            Sources.ROSTER_STATUS)) {
      for (String code : v.codes()) {
        assertEquals(Optional.of(code), v.lookup(code), v + " code " + code);
        assertEquals(Optional.of(code), v.lookup(v.chinese(code)), v + " Chinese name of " + code);
      }
    }
  }
}
