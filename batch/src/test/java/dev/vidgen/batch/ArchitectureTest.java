package dev.vidgen.batch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of the batch artifact (a rule matching no class fails). */
class ArchitectureTest {
  private static JavaClasses batch;

  @BeforeAll
  static void importBatch() {
    batch = new ClassFileImporter()
        // Not DO_NOT_INCLUDE_TESTS: it knows only target/test-classes, and builds here use other folders.
        .withImportOption(location -> !location.contains("/test-classes/"))
        .importPackages("dev.vidgen.batch");
  }

  @Test
  void keepsTheJournalPortFreeOfTheRunner() {
    classes().that().resideInAPackage("dev.vidgen.batch.journal..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.vidgen.batch.journal..")
        .because("a journal (journal-jdbc, an app's own) implements the port without knowing how batches run")
        .check(batch);
  }

  @Test
  void readsJsonOnlyThroughTheSharedJsonTrees() {
    noClasses().that().resideInAPackage("dev.vidgen.batch..")
        .should().dependOnClassesThat().resideInAnyPackage("com.squareup.moshi..", "okio..", "okhttp3..", "retrofit2..")
        .because("jobs files are read with core's JsonTrees, and every call goes through the VidgenClient")
        .check(batch);
  }
}
