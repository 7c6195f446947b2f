package dev.vidgen.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core knows no provider: no class of core depends on a provider module, and no source file of
 * core spells a provider's name, wire fields, rate-limit tiers, headers or error codes.
 */
class ProviderNeutralityTest {
  private static final Path SOURCES = Path.of("src", "main", "java");

  /** Words that belong to one provider (ToAPIs today). */
  private static final Pattern PROVIDER_WORDS = Pattern.compile(
      "(?i:toapis)|(?i:x-ratelimit)|(?i:\\bs?vip\\b)|image_urls|client_business_id|async_submit|async_query"
          + "|rate_limit_unavailable|rate_limit_exceeded|insufficient_quota|content_policy_violation"
          + "|authentication_error|permission_error|invalid_request");
  /** vidgen's provider modules, as core's module descriptor names them. */
  private static final Pattern MODULE_NAMES = Pattern.compile("\\bdev\\.vidgen\\.provider\\.[a-z]+\\b");

  @Test
  void noCoreClassDependsOnAProviderModule() {
    JavaClasses core = new ClassFileImporter()
        .withImportOption(location -> !location.contains("/test-classes/"))
        .importPackages("dev.vidgen.core", "dev.vidgen.inject");
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.vidgen.provider..")
        .because("core is provider-neutral: providers plug in through the SPI in dev.vidgen.core.port")
        .check(core);
  }

  @Test
  void noCoreSourceSpellsAProvidersNameWireTiersHeadersOrCodes() throws IOException {
    assertThat(SOURCES).as("run from the core module's folder").isDirectory();
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String relative = SOURCES.relativize(file).toString().replace('\\', '/');
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          Matcher matcher = PROVIDER_WORDS.matcher(words(relative, lines.get(i)));
          if (matcher.find()) {
            found.add(relative + ":" + (i + 1) + ": '" + matcher.group() + "' in: " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(found).as("provider words in core; move the code to the provider or word it neutrally").isEmpty();
  }

  /**
   * The words of {@code line} to scan. The module descriptor may name vidgen's own provider modules
   * as targets of its qualified exports (they share core's internal helpers); that names a module,
   * not a provider's wire, tiers, headers or codes.
   */
  private static String words(String file, String line) {
    return file.equals("module-info.java") ? MODULE_NAMES.matcher(line).replaceAll("") : line;
  }

  @Test
  void theScanFindsTheWordsItLooksFor() {
    for (String line : List.of("see ToAPIs", "\"image_urls\"", "X-RateLimit-Category", "SVIP", "the vip tier",
        "client_business_id", "rate_limit_unavailable")) {
      assertThat(PROVIDER_WORDS.matcher(line).find()).as(line).isTrue();
    }
    for (String line : List.of("INSUFFICIENT_QUOTA", "a rate limit", "provider", "VIPER")) {
      assertThat(PROVIDER_WORDS.matcher(line).find()).as(line).isFalse();
    }
    assertThat(PROVIDER_WORDS.matcher(words("module-info.java", "exports a.b to dev.vidgen.provider.toapis;")).find())
        .isFalse();
    assertThat(PROVIDER_WORDS.matcher(words("module-info.java", "// the ToAPIs wire")).find()).isTrue();
    assertThat(PROVIDER_WORDS.matcher(words("Client.java", "dev.vidgen.provider.toapis")).find()).isTrue();
  }
}
