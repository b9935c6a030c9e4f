package io.epiwatch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResidentIdTest {
  @Test
  void theStandardsWorkedExampleIsValid() {
    // GB 11643-1999's example number: check character X.
    assertEquals('X', ResidentId.checkChar("11010519491231002"));
    assertTrue(ResidentId.isValid("11010519491231002X"));
  }

  @Test
  void lowerCaseCheckCharacterAndSurroundingSpaceAreNormalizedBeforeTheCheck() {
    assertTrue(ResidentId.isValid(" 11010519491231002x "));
    assertEquals("11010519491231002X", ResidentId.normalize(" 11010519491231002x "));
  }

  @Test
  void aWrongCheckCharacterIsInvalid() {
    assertFalse(ResidentId.isValid("110105194912310021"));
  }

  @Test
  void malformedNumbersAreInvalid() {
    assertFalse(ResidentId.isValid(null));
    assertFalse(ResidentId.isValid(""));
    assertFalse(ResidentId.isValid("11010519491231002")); // 17 characters
    assertFalse(ResidentId.isValid("11010519491231002XX")); // 19 characters
    assertFalse(ResidentId.isValid("1101051949123100AX")); // a letter among the digits
    assertFalse(
        ResidentId.isValid(
            ResidentId.build("110105", LocalDate.of(2021, 2, 28), 1)
                .replace("20210228", "20210229")));
  }

  @Test
  void anImpossibleBirthDateIsInvalidEvenWithTheRightCheckCharacter() {
    String first17 = "110105" + "20210230" + "001";
    assertFalse(ResidentId.isValid(first17 + ResidentId.checkChar(first17)));
    assertEquals(Optional.empty(), ResidentId.birthDate(first17 + ResidentId.checkChar(first17)));
  }

  @Test
  void buildGivesValidNumbersWithTheirBirthDateAndSex() {
    String id = ResidentId.build("330106", LocalDate.of(2008, 2, 29), 123);
    assertTrue(ResidentId.isValid(id));
    assertEquals(Optional.of(LocalDate.of(2008, 2, 29)), ResidentId.birthDate(id));
    assertEquals("male", ResidentId.sex(id)); // sequence 123: odd
    assertEquals(
        "female", ResidentId.sex(ResidentId.build("330106", LocalDate.of(2008, 2, 29), 124)));
  }
}
