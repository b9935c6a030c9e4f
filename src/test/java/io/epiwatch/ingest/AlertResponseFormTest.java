package io.epiwatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.brief.FollowUpDocuments;
import io.epiwatch.brief.FollowUpItem;
import io.epiwatch.common.SourceEncoding;
import io.epiwatch.contract.Sources;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md §2.10: the response form the follow-up list writes reads back as an alert_responses
 * file: every header is a column of the source, one row per alert with its alert_id (plain JUnit).
 */
class AlertResponseFormTest {
  @Test
  void theFormReadsBackAsAnAlertResponsesFileWithOneRowPerAlert() {
    LocalDate d = LocalDate.of(2021, 10, 5);
    List<FollowUpItem> items =
        List.of(
            FollowUpItem.alertCase(
                "孙*七", "西子湖小学", "三年级 2班", "class_same_day", "ab12cd34ef56ab78", d),
            FollowUpItem.alertCase(
                "周*八", "西子湖小学", "三年级 2班", "class_same_day", "ab12cd34ef56ab78", d),
            FollowUpItem.alertCase(
                "吴*九", "灵隐中学", "初一 1班", "school_disease", "0123456789abcdef", d));
    for (String lang : List.of("zh", "en")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FollowUpDocuments.writeResponseForm(items, lang, out);
      ParsedFile p =
          ParsedFile.parse(
              InboxFile.of("/inbox/alert_responses/form.xlsx", out.toByteArray()),
              SourceEncoding.AUTO);
      assertTrue(
          Arrays.stream(p.header).allMatch(h -> Sources.ALERT_RESPONSES.forHeader(h).isPresent()),
          lang + ": every header is a column of alert_responses: " + Arrays.toString(p.header));
      assertEquals(Sources.ALERT_RESPONSES.columns().size(), p.header.length);
      assertEquals(2, p.records.size(), "one row per alert");
      assertEquals("ab12cd34ef56ab78", p.records.get(0).cells()[0]);
      assertEquals("0123456789abcdef", p.records.get(1).cells()[0]);
    }
  }
}
