package dev.vidgen.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The house plan's dependency rules for the classes of the core artifact (a rule matching no class fails). */
class ArchitectureTest {
  private static final String[] PURE_PACKAGES = {
    "dev.vidgen.core.domain..", "dev.vidgen.core.validation..", "dev.vidgen.core.pricing..", "dev.vidgen.core.policy.."
  };

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter()
        // Not DO_NOT_INCLUDE_TESTS: it knows only target/test-classes, and builds here use other folders.
        .withImportOption(location -> !location.contains("/test-classes/"))
        .importPackages("dev.vidgen.core", "dev.vidgen.inject");
  }

  @Test
  void keepsTheTextHelpersFreeOfAnythingButTheJdkAndThePureCore() {
    String[] allowed = new String[PURE_PACKAGES.length + 2];
    allowed[0] = "java..";
    allowed[1] = "dev.vidgen.core.text..";
    System.arraycopy(PURE_PACKAGES, 0, allowed, 2, PURE_PACKAGES.length);

    classes().that().resideInAPackage("dev.vidgen.core.text..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
        .because("the pure core may say waits and clip text with them, so they must be as pure")
        .check(core);
  }

  @Test
  void keepsTheFileHelpersFreeOfAnythingButTheJdk() {
    classes().that().resideInAPackage("dev.vidgen.core.files..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.vidgen.core.files..")
        .because("the pure core reads local paths and MP4 boxes with them, so they must be as pure")
        .check(core);
  }

  @Test
  void keepsDomainValidationPricingAndPolicyFreeOfAnythingButTheJdkAndEachOther() {
    // The text and file helpers (wait words, clipping, paths, MP4 boxes) are allowed: they are as pure (the rules above).
    String[] allowed = new String[PURE_PACKAGES.length + 3];
    allowed[0] = "java..";
    allowed[1] = "dev.vidgen.core.text..";
    allowed[2] = "dev.vidgen.core.files..";
    System.arraycopy(PURE_PACKAGES, 0, allowed, 3, PURE_PACKAGES.length);

    classes().that().resideInAnyPackage(PURE_PACKAGES)
        .and().doNotHaveFullyQualifiedName("dev.vidgen.core.domain.RouteCatalog")
        .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
        .because("the pure core knows every rule and price without a network or a framework")
        .check(core);
  }

  @Test
  void letsOnlyTheCatalogReachTheRouteFileLoaderForItsBuiltInRoutes() {
    String[] allowed = new String[PURE_PACKAGES.length + 3];
    allowed[0] = "java..";
    allowed[1] = "dev.vidgen.core.catalog..";
    allowed[2] = "dev.vidgen.core.text..";
    System.arraycopy(PURE_PACKAGES, 0, allowed, 3, PURE_PACKAGES.length);

    classes().that().haveFullyQualifiedName("dev.vidgen.core.domain.RouteCatalog")
        .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
        .because("RouteCatalog.builtIn() reads the built-in route file through the one loader, and nothing else"
            + " (but the edit distance behind its \"did you mean\")")
        .check(core);
  }

  @Test
  void keepsTheRouteFileLoaderOnTheDomainAndTheSharedJsonReader() {
    classes().that().resideInAPackage("dev.vidgen.core.catalog..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "java..", "dev.vidgen.core.catalog..", "dev.vidgen.core.domain..", "dev.vidgen.core.json..",
            "dev.vidgen.core.text..")
        .because("route files are parsed by dev.vidgen.core.json and walked as plain trees (their bytes checked as"
            + " UTF-8 by dev.vidgen.core.text)")
        .check(core);
  }

  @Test
  void keepsHttpAndJsonLibrariesOutOfTheCore() {
    noClasses().that().resideInAnyPackage("dev.vidgen.core..", "dev.vidgen.inject..")
        .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "retrofit2..")
        .because("HTTP belongs to the provider adapters")
        .check(core);
  }

  @Test
  void readsJsonOnlyThroughTheSharedJsonPackage() {
    noClasses().that().resideInAnyPackage("dev.vidgen.core..", "dev.vidgen.inject..")
        .and().resideOutsideOfPackages("dev.vidgen.core.json..", "dev.vidgen.core.catalog..")
        .should().dependOnClassesThat().resideInAnyPackage("com.squareup.moshi..", "okio..")
        .because("JSON goes through Moshi in dev.vidgen.core.json (and the route-file loader), nowhere else in the core")
        .check(core);
  }

  @Test
  void keepsGuiceInTheInjectPackage() {
    noClasses().that().resideOutsideOfPackage("dev.vidgen.inject..")
        .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
        .because("Guice is an optional dependency that only dev.vidgen.inject may use")
        .check(core);
  }

  @Test
  void logsOnlyFromTheRuntimePackages() {
    noClasses().that().resideOutsideOfPackages(
            "dev.vidgen.core.client..", "dev.vidgen.core.port..", "dev.vidgen.core.ratelimit..")
        .should().dependOnClassesThat().resideInAPackage("org.slf4j..")
        .because("only the parts that run jobs (client, provider loading, rate limits) log;"
            + " the pure core reports through return values and exceptions")
        .check(core);
  }

  @Test
  void keepsBatchesAndHostOrProcessPlumbingOutOfTheCore() {
    noClasses().that().resideInAnyPackage("dev.vidgen.core..", "dev.vidgen.inject..")
        .should().dependOnClassesThat().resideInAnyPackage("java.lang.management..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.InetAddress")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessHandle")
        .orShould().haveSimpleNameStartingWith("Batch")
        .orShould().haveSimpleNameContaining("JobStore")
        .because("batches, their journals and the worker names made of host and process id live in vidgen-batch")
        .check(core);
  }
}
