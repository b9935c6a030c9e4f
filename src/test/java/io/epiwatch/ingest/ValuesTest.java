package io.epiwatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void datesInTheThreeAcceptedForms() {
    LocalDate d = LocalDate.of(2021, 9, 3);
    assertEquals(Optional.of(d), Values.date("2021-09-03"));
    assertEquals(Optional.of(d), Values.date("2021/9/3"));
    assertEquals(Optional.of(d), Values.date("2021-9-3"));
    assertEquals(Optional.of(d), Values.date("20210903"));
  }

  @Test
  void impossibleOrOtherDatesAreEmpty() {
    assertEquals(Optional.empty(), Values.date("2021-02-29"));
    assertEquals(Optional.empty(), Values.date("20210229"));
    assertEquals(Optional.empty(), Values.date("2021-13-01"));
    assertEquals(Optional.empty(), Values.date("03/09/2021"));
    assertEquals(Optional.empty(), Values.date("2021年9月3日"));
    assertEquals(Optional.empty(), Values.date(""));
  }

  @Test
  void timestampsWithOrWithoutSeconds() {
    assertEquals(
        Optional.of(LocalDateTime.of(2021, 10, 3, 9, 17)), Values.timestamp("2021-10-03 09:17"));
    assertEquals(
        Optional.of(LocalDateTime.of(2021, 10, 3, 9, 17, 5)),
        Values.timestamp("2021/10/3T9:17:05"));
    assertEquals(Optional.empty(), Values.timestamp("2021-10-03 25:00"));
    assertEquals(Optional.empty(), Values.timestamp("2021-10-03"));
  }

  @Test
  void integersAcceptTheSpreadsheetsTrailingPointZero() {
    assertEquals(Optional.of(42L), Values.integer("42"));
    assertEquals(Optional.of(42L), Values.integer("42.0"));
    assertEquals(Optional.of(-1L), Values.integer("-1"));
    assertEquals(Optional.empty(), Values.integer("42.5"));
    assertEquals(Optional.empty(), Values.integer("四十二"));
  }
}
