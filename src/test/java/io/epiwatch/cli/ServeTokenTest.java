package io.epiwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/serve's token: from the environment or a file, never absent, never short. */
class ServeTokenTest {
  @Test
  void theTokenComesFromTheVariableOrTheFileAndTheServerRefusesToStartWithoutOne(@TempDir Path dir)
      throws Exception {
    assertEquals(
        "0123456789abcdefXY",
        ServeCommand.token(Map.of("EPIWATCH_SERVE_TOKEN", " 0123456789abcdefXY\n")));
    Path file = dir.resolve("token");
    Files.writeString(file, "from-the-file-0123456789\nsecond line ignored\n");
    assertEquals(
        "from-the-file-0123456789",
        ServeCommand.token(Map.of("EPIWATCH_SERVE_TOKEN_FILE", file.toString())));

    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.token(Map.of()));
    assertTrue(
        none.getMessage().contains("EPIWATCH_SERVE_TOKEN")
            && none.getMessage().contains("EPIWATCH_SERVE_TOKEN_FILE"),
        none.getMessage());
    IllegalArgumentException shortOne =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServeCommand.token(Map.of("EPIWATCH_SERVE_TOKEN", "short")));
    assertTrue(shortOne.getMessage().contains("at least 16"), shortOne.getMessage());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ServeCommand.token(
                    Map.of("EPIWATCH_SERVE_TOKEN_FILE", dir.resolve("absent").toString())));
    assertTrue(missing.getMessage().contains("absent"), missing.getMessage());
  }

  @Test
  void connectRequestsWithReadsByPathWritesOrClientCodeAreRefusedBeforePlanning() {
    var readByPath =
        org.apache.spark.connect.proto.Plan.newBuilder()
            .setRoot(
                org.apache.spark.connect.proto.Relation.newBuilder()
                    .setLimit(
                        org.apache.spark.connect.proto.Limit.newBuilder()
                            .setLimit(5)
                            .setInput(
                                org.apache.spark.connect.proto.Relation.newBuilder()
                                    .setRead(
                                        org.apache.spark.connect.proto.Read.newBuilder()
                                            .setDataSource(
                                                org.apache.spark.connect.proto.Read.DataSource
                                                    .newBuilder()
                                                    .setFormat("text")
                                                    .addPaths("/etc/passwd"))))))
            .build();
    assertTrue(ReadOnlyConnectInterceptor.refusedPart(readByPath).contains("by format or path"));
    var byName =
        org.apache.spark.connect.proto.Plan.newBuilder()
            .setRoot(
                org.apache.spark.connect.proto.Relation.newBuilder()
                    .setRead(
                        org.apache.spark.connect.proto.Read.newBuilder()
                            .setNamedTable(
                                org.apache.spark.connect.proto.Read.NamedTable.newBuilder()
                                    .setUnparsedIdentifier("gold.attendance"))))
            .build();
    assertEquals(null, ReadOnlyConnectInterceptor.refusedPart(byName));
    var write =
        org.apache.spark.connect.proto.Plan.newBuilder()
            .setCommand(
                org.apache.spark.connect.proto.Command.newBuilder()
                    .setWriteOperation(
                        org.apache.spark.connect.proto.WriteOperation.newBuilder()
                            .setPath("/tmp/x")))
            .build();
    assertEquals("writing a DataFrame", ReadOnlyConnectInterceptor.refusedPart(write));
  }
}
