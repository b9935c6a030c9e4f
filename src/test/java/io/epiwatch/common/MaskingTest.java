package io.epiwatch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MaskingTest {
  @Test
  void chineseNamesKeepTheFirstAndLastCharacter() {
    assertEquals("张*", Masking.maskName("张三"));
    assertEquals("张*三", Masking.maskName("张小三"));
    assertEquals("欧**明", Masking.maskName("欧阳小明"));
    assertEquals("张*三", Masking.maskName(" 张小三 "));
  }

  @Test
  void latinNamesAndEdgeCases() {
    assertEquals("J**n", Masking.maskName("John"));
    assertEquals("*", Masking.maskName("王"));
    assertEquals("", Masking.maskName(""));
    assertNull(Masking.maskName(null));
    // A character outside the BMP counts as one character, never split in half.
    assertEquals("𠀀*", Masking.maskName("𠀀三"));
  }

  @Test
  void idNumbersKeepTheFirstSixAndLastFourCharacters() {
    assertEquals("110105********002X", Masking.maskId("11010519491231002X"));
    assertEquals("******7890", Masking.maskId("1234567890"));
    assertEquals("****", Masking.maskId("1234"));
    assertNull(Masking.maskId(null));
  }
}
