package dev.vidgen.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every exception of the core has its own {@code ##} section in docs/errors.md. */
class ErrorsDocTest {
  private static final TaskId TASK = TaskId.of("task-1");
  private static final Map<Class<?>, Object> SAMPLES = Map.ofEntries(
      Map.entry(String.class, "sample"),
      Map.entry(int.class, 1),
      Map.entry(long.class, 1L),
      Map.entry(ProviderErrorDetails.class, ProviderErrorDetails.of("sample", 500, "internal_error", "sample")),
      Map.entry(FailureKind.class, FailureKind.UNAVAILABLE),
      Map.entry(TaskId.class, TASK),
      Map.entry(TaskSnapshot.class, TaskSnapshot.failed(TASK, new TaskFailure("generation_failed", "sample"))),
      Map.entry(VideoAsset.class, new VideoAsset(URI.create("https://cdn.test/v.mp4"), "mp4", Instant.EPOCH)),
      Map.entry(JobHandle.class, new JobHandle("sample", TASK, "m", PriceQuote.unknown("m", "sample"), Instant.EPOCH, null)),
      Map.entry(PriceQuote.class, PriceQuote.unknown("m", "sample")),
      Map.entry(ValidationReport.class, new ValidationReport("m", null, List.of())),
      Map.entry(BigDecimal.class, BigDecimal.ONE),
      Map.entry(Duration.class, Duration.ofSeconds(1)),
      Map.entry(Instant.class, Instant.EPOCH),
      Map.entry(Path.class, Path.of("video.mp4")),
      Map.entry(List.class, List.of()),
      Map.entry(boolean.class, false));

  @Test
  void everyExceptionHasASectionWhoseAnchorIsItsDocsAnchor() throws Exception {
    Set<String> anchors = anchorsOf(docsFile("docs/errors.md"));
    List<Class<? extends VidgenException>> exceptions = coreExceptions();

    assertThat(exceptions).as("exceptions found").hasSizeGreaterThanOrEqualTo(17);
    for (Class<? extends VidgenException> type : exceptions) {
      String anchor = sample(type).docsAnchor();
      assertThat(anchors).as("docs/errors.md has a section for %s (#%s)", type.getName(), anchor).contains(anchor);
    }
  }

  private static List<Class<? extends VidgenException>> coreExceptions() {
    return new ClassFileImporter()
        .withImportOption(location -> !location.contains("/test-classes/"))
        .importPackages("dev.vidgen")
        .stream()
        .filter(type -> type.isAssignableTo(VidgenException.class))
        .filter(type -> !type.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT))
        .map(JavaClass::reflect)
        .map(type -> type.asSubclass(VidgenException.class))
        .collect(Collectors.toList());
  }

  private static VidgenException sample(Class<? extends VidgenException> type) throws Exception {
    Constructor<?> constructor = type.getDeclaredConstructors()[0];
    Class<?>[] parameters = constructor.getParameterTypes();
    Object[] arguments = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      if (Throwable.class.isAssignableFrom(parameters[i])) {
        continue;
      }
      assertThat(SAMPLES).as("a sample %s to construct %s; add one to this test", parameters[i], type).containsKey(parameters[i]);
      arguments[i] = SAMPLES.get(parameters[i]);
    }
    if (!Modifier.isPublic(constructor.getModifiers())) {
      constructor.setAccessible(true);
    }
    return (VidgenException) constructor.newInstance(arguments);
  }

  /** GitHub's anchors: lower case, punctuation dropped, spaces as dashes. */
  private static Set<String> anchorsOf(Path markdown) throws IOException {
    return Files.readAllLines(markdown).stream()
        .filter(line -> line.startsWith("## "))
        .map(line -> line.substring(3).strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
        .collect(Collectors.toSet());
  }

  private static Path docsFile(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
