package io.epiwatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.config.AppConfig;
import io.epiwatch.spark.JobContext;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * A missing inbox (a typo, an unmounted share) is an error naming the path, never "no new files".
 */
@SparkTest
class InboxCheckTest {

  JobContext ctx(SparkSession spark, Path warehouse, Path inbox) {
    AppConfig config =
        AppConfig.fromString("epiwatch.secret.value = \"test-secret\"")
            .withPaths(warehouse.toString(), inbox.toString(), null);
    return JobContext.of(
        config,
        spark,
        LocalDate.of(2021, 10, 5),
        Clock.fixed(Instant.parse("2021-10-05T01:00:00Z"), ZoneId.of("Asia/Shanghai")));
  }

  @Test
  void aMissingInboxFailsNamingItAndWritesNothing(SparkSession spark) {
    Path wh = SparkExtension.newFolder("wh");
    Path typo = SparkExtension.newFolder("inbox").resolveSibling("inbxo-typo");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IngestJob.run(ctx(spark, wh, typo), Optional.empty()));
    assertTrue(
        e.getMessage()
            .startsWith(typo + ": the inbox folder (--inbox / epiwatch.inbox) does not exist"),
        e.getMessage());
    assertTrue(
        new io.epiwatch.catalog.Warehouse(spark, wh.toString())
            .list(java.util.List.of("bronze", "ops"))
            .isEmpty(),
        "nothing written");
  }

  @Test
  void aSourceFolderThatEarlierRunsHadMustStillBeThereButANeverDeliveredSourceMayLackIt(
      SparkSession spark) throws Exception {
    Path wh = SparkExtension.newFolder("wh");
    Path inbox = SparkExtension.newFolder("inbox");
    Path schools = Files.createDirectories(inbox.resolve("schools"));
    Files.writeString(
        schools.resolve("s.csv"),
        "学校标识码,学校名称,学校类型,区县代码,统计日期\n" + "3301020001,第一小学,小学,330102,2021-09-01\n",
        StandardCharsets.UTF_8);
    // Only schools delivered: the seven other sources have no folder, and that is fine.
    assertEquals(1, IngestJob.run(ctx(spark, wh, inbox), Optional.empty()).files().size());

    Files.delete(schools.resolve("s.csv"));
    Files.delete(schools); // e.g. a share mounted without the sub-folder
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IngestJob.run(ctx(spark, wh, inbox), Optional.empty()));
    assertTrue(
        e.getMessage()
            .startsWith(
                inbox.resolve("schools")
                    + ": the inbox folder of source schools, from which earlier runs took files"),
        e.getMessage());
    // --source limits the check to that source.
    assertEquals(
        0, IngestJob.run(ctx(spark, wh, inbox), Optional.of("daily_reports")).files().size());
  }
}
