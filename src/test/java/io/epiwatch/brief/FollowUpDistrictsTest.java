package io.epiwatch.brief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follow-up list per district (docs/rules.md §4.6): every line on its district's list, none
 * lost in a city's run, none of another district in a district's run (plain JUnit, no Spark).
 */
class FollowUpDistrictsTest {
  private static final LocalDate D = LocalDate.parse("2021-10-05");
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final FollowUpItem WEST =
      FollowUpItem.notFollowedUp("王*五", "灵隐中学", "初一 1班", D).inDistrict("330106");
  private static final FollowUpItem UPPER =
      FollowUpItem.notFollowedUp("张*三", "西子湖小学", "三年级 2班", D).inDistrict("330102");
  private static final FollowUpItem NO_DISTRICT =
      FollowUpItem.notFollowedUp("李*", "3301990001", null, D);
  private static final FollowUpItem OTHER_CITY =
      FollowUpItem.notFollowedUp("赵*六", "某中学", null, D).inDistrict("330282");

  private static Map<String, String> districts() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("330102", "上城区");
    d.put("330105", "拱墅区");
    d.put("330106", "西湖区");
    return d;
  }

  @Test
  void aCityRunHasOneListPerDistrictAndTheLinesOfNoKnownDistrictLast() {
    List<FollowUpDocuments.DistrictList> lists =
        FollowUpDocuments.byDistrict(
            List.of(WEST, NO_DISTRICT, UPPER, OTHER_CITY), districts(), true);
    assertEquals(
        List.of("330102", "330105", "330106", FollowUpDocuments.UNASSIGNED),
        lists.stream().map(FollowUpDocuments.DistrictList::code).toList());
    assertEquals(List.of(UPPER), lists.get(0).items());
    assertEquals(List.of(), lists.get(1).items(), "a district with nothing to follow up");
    assertEquals(List.of(WEST), lists.get(2).items());
    assertEquals(List.of(NO_DISTRICT, OTHER_CITY), lists.get(3).items(), "no line is lost");
  }

  @Test
  void aDistrictRunHasOnlyThatDistrictsLines() {
    List<FollowUpDocuments.DistrictList> lists =
        FollowUpDocuments.byDistrict(
            List.of(WEST, NO_DISTRICT, UPPER, OTHER_CITY), Map.of("330106", "西湖区"), false);
    assertEquals(1, lists.size());
    assertEquals("西湖区", lists.get(0).name());
    assertEquals(List.of(WEST), lists.get(0).items());
  }

  @Test
  void theListsAreRenderedInTheirOrderEachTitledWithItsDistrict(@TempDir Path dir)
      throws Exception {
    List<FollowUpDocuments.DistrictList> lists =
        FollowUpDocuments.byDistrict(List.of(WEST, NO_DISTRICT, UPPER), districts(), true);
    List<FollowUpDocuments.Rendered> docs = FollowUpDocuments.renderAll(lists, D, "zh", ZONE);
    assertEquals(lists, docs.stream().map(FollowUpDocuments.Rendered::list).toList());
    String upper = BriefingRenderTest.text(docs.get(0).pdf(), dir.resolve("upper.pdf"));
    assertTrue(upper.contains("上城区疫情防控跟进名单") && upper.contains("张*三"), upper);
    assertTrue(!upper.contains("王*五"), "another district's line: " + upper);
    String empty = BriefingRenderTest.text(docs.get(1).pdf(), dir.resolve("empty.pdf"));
    assertTrue(empty.contains("拱墅区疫情防控跟进名单") && empty.contains("无"), empty);
    String unassigned = BriefingRenderTest.text(docs.get(3).pdf(), dir.resolve("none.pdf"));
    assertTrue(unassigned.contains("区县不明的学校疫情防控跟进名单") && unassigned.contains("李*"), unassigned);
    assertTrue(docs.get(2).xlsx().length > 0, "each list has its workbook");
  }
}
