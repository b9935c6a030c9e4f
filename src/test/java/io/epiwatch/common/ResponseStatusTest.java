package io.epiwatch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.contract.Sources;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docs/rules.md §2.9 and §4.4.1: the response vocabularies and the status they give. */
class ResponseStatusTest {
  @Test
  void closedWinsThenTheVerificationAndNoResponseIsUnverified() {
    assertEquals(ResponseStatus.CLOSED, ResponseStatus.of("discarded", true));
    assertEquals(ResponseStatus.VERIFIED, ResponseStatus.of("verified", false));
    assertEquals(ResponseStatus.DISCARDED, ResponseStatus.of("discarded", false));
    assertEquals(ResponseStatus.UNVERIFIED, ResponseStatus.of("pending", false));
    assertEquals(ResponseStatus.UNVERIFIED, ResponseStatus.of(null, false));
    assertEquals(
        List.of("unverified", "verified", "discarded", "closed"),
        Coded.codes(ResponseStatus.class));
    for (ResponseStatus s : ResponseStatus.values()) assertEquals(s, ResponseStatus.of(s.code()));
  }

  @Test
  void verificationAndActionsAcceptEnglishAndChineseSpellings() {
    assertEquals(Optional.of("verified"), Sources.VERIFICATION.lookup("yes"));
    assertEquals(Optional.of("verified"), Sources.VERIFICATION.lookup("已核实"));
    assertEquals(Optional.of("discarded"), Sources.VERIFICATION.lookup("no"));
    assertEquals(Optional.of("discarded"), Sources.VERIFICATION.lookup("排除"));
    assertEquals(Optional.of("pending"), Sources.VERIFICATION.lookup("待核实"));
    assertEquals(Optional.of("class_suspension"), Sources.ALERT_ACTION.lookup("停课"));
    assertEquals(Optional.of("disinfection"), Sources.ALERT_ACTION.lookup("消杀"));
    assertEquals(Optional.of("observation"), Sources.ALERT_ACTION.lookup("留观"));
    assertEquals(Optional.of("health_education"), Sources.ALERT_ACTION.lookup("health_education"));
    assertEquals(Optional.empty(), Sources.ALERT_ACTION.lookup("放假"));
    assertEquals(
        List.of("alert_id"),
        Sources.byName("alert_responses").orElseThrow().naturalKey(),
        "one response per alert: the latest submission wins");
  }
}
