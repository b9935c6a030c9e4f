package io.epiwatch.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the product (docs/decisions.md, "Layering and the one table writer"): cli ->
 * stages (ingest, silver, gold, brief, ops) -> catalog, config, contract, common, spark, and no
 * cycles between packages. bench and generate are tools on top (they may use anything, nothing uses
 * them); the cli's bench and generate subcommands, which launch them until they move to their own
 * source set, are the one exception. Plain JUnit on the compiled classes: fast tier.
 */
class LayeringTest {
  private static final String[] TOOLS = {"io.epiwatch.bench..", "io.epiwatch.generate.."};
  private static final String[] STAGES = {
    "io.epiwatch.ingest..",
    "io.epiwatch.silver..",
    "io.epiwatch.gold..",
    "io.epiwatch.brief..",
    "io.epiwatch.ops.."
  };
  private static final String[] FOUNDATION = {
    "io.epiwatch.catalog..",
    "io.epiwatch.config..",
    "io.epiwatch.contract..",
    "io.epiwatch.common..",
    "io.epiwatch.spark.."
  };

  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.epiwatch");

  @Test
  void layersOnlyDependDownwards() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Tools")
        .definedBy(TOOLS)
        .layer("Cli")
        .definedBy("io.epiwatch.cli..")
        .layer("Stages")
        .definedBy(STAGES)
        .layer("Foundation")
        .definedBy(FOUNDATION)
        .whereLayer("Tools")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Cli")
        .mayOnlyBeAccessedByLayers("Tools")
        .whereLayer("Stages")
        .mayOnlyBeAccessedByLayers("Cli", "Tools")
        .whereLayer("Foundation")
        .mayOnlyBeAccessedByLayers("Stages", "Cli", "Tools")
        .ignoreDependency(resideInAPackage("io.epiwatch.cli"), resideInAnyPackage(TOOLS))
        .check(PRODUCT);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices()
        .matching("io.epiwatch.(**)")
        .should()
        .beFreeOfCycles()
        .ignoreDependency(resideInAPackage("io.epiwatch.cli"), resideInAnyPackage(TOOLS))
        .check(PRODUCT);
  }

  /**
   * Every Delta write goes through catalog.TableWriter (the tools write their own scratch files).
   */
  @Test
  void onlyTheTableWriterWritesDeltaTables() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.epiwatch.catalog..")
        .and()
        .resideOutsideOfPackages(TOOLS)
        .should()
        .callMethodWhere(
            calls(
                "io.delta.tables.DeltaTable",
                "createIfNotExists",
                "create",
                "createOrReplace",
                "replace",
                "merge",
                "update",
                "updateExpr",
                "delete"))
        .orShould()
        .callMethodWhere(
            calls("org.apache.spark.sql.DataFrameWriter", "save", "saveAsTable", "insertInto"))
        .orShould()
        .callMethodWhere(
            calls(
                "org.apache.spark.sql.DataFrameWriterV2",
                "create",
                "createOrReplace",
                "replace",
                "append",
                "overwrite",
                "overwritePartitions"))
        .check(PRODUCT);
  }

  private static DescribedPredicate<JavaMethodCall> calls(String owner, String... methods) {
    return DescribedPredicate.describe(
        "a call of " + owner + "." + String.join("|", methods),
        c -> c.getTargetOwner().getName().equals(owner) && List.of(methods).contains(c.getName()));
  }
}
