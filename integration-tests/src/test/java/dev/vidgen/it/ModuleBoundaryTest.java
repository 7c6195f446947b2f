package dev.vidgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.BatchRunner;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.journal.jdbc.Journals;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.provider.toapis.ToApisConfig;
import dev.vidgen.serve.Playground;
import dev.vidgen.testkit.VideoProviderContract;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published modules show users their API packages only. The other tests run on the class
 * path; these put the built modules on the module path, as a modular app would: the descriptors
 * export exactly the API, a user's module compiles against the API and not against internals, and
 * ServiceLoader finds both providers through their {@code provides} and runs a job on each.
 */
class ModuleBoundaryTest {
  /** Every published module and the packages it exports to everyone; the rest is internal. */
  private static final Map<String, Set<String>> API = Map.of(
      "dev.vidgen.core", Set.of("dev.vidgen.core.catalog", "dev.vidgen.core.client", "dev.vidgen.core.domain",
          "dev.vidgen.core.error", "dev.vidgen.core.policy", "dev.vidgen.core.port", "dev.vidgen.core.pricing",
          "dev.vidgen.core.ratelimit", "dev.vidgen.core.validation", "dev.vidgen.inject"),
      "dev.vidgen.provider.mock", Set.of("dev.vidgen.provider.mock"),
      "dev.vidgen.provider.toapis", Set.of("dev.vidgen.provider.toapis"),
      "dev.vidgen.batch", Set.of("dev.vidgen.batch", "dev.vidgen.batch.journal"),
      "dev.vidgen.journal.jdbc", Set.of("dev.vidgen.journal.jdbc"),
      "dev.vidgen.testkit", Set.of("dev.vidgen.testkit", "dev.vidgen.testkit.assertj", "dev.vidgen.testkit.fixtures",
          "dev.vidgen.testkit.time", "dev.vidgen.testkit.toapis"),
      "dev.vidgen.serve", Set.of("dev.vidgen.serve", "dev.vidgen.serve.history"));

  /** What a modular app on core and both providers needs on its module path, by a class of each. */
  private static final List<String> RUNTIME = List.of(
      "dev.vidgen.core.client.VidgenClient", "dev.vidgen.provider.mock.MockVideoProvider",
      "dev.vidgen.provider.toapis.ToApisConfig", "com.squareup.moshi.Moshi", "okio.Buffer", "kotlin.Unit",
      "okhttp3.OkHttpClient", "retrofit2.Retrofit", "retrofit2.converter.moshi.MoshiConverterFactory",
      "org.slf4j.Logger", "org.slf4j.simple.SimpleLogger");

  @TempDir Path folder;

  @Test
  void eachModuleExportsExactlyItsApiAndItsInternalsOnlyToVidgenModules() throws Exception {
    List<Class<?>> anchors = List.of(VidgenClient.class, MockVideoProvider.class, ToApisConfig.class,
        BatchRunner.class, Journals.class, VideoProviderContract.class, Playground.class);
    for (Class<?> anchor : anchors) {
      ModuleDescriptor module = ModuleFinder.of(location(anchor)).findAll().iterator().next().descriptor();

      assertThat(module.isAutomatic()).as(module.name() + " has a module-info").isFalse();
      assertThat(API).containsKey(module.name());
      assertThat(exported(module, false)).as(module.name() + " exports to everyone")
          .containsExactlyInAnyOrderElementsOf(API.get(module.name()));
      for (Exports internal : module.exports()) {
        if (internal.isQualified()) {
          assertThat(API.get(module.name())).doesNotContain(internal.source());
          assertThat(internal.targets()).allMatch(target -> target.startsWith("dev.vidgen."),
              internal.source() + " is exported only to vidgen's own modules");
        }
      }
    }
    ModuleDescriptor core = ModuleFinder.of(location(VidgenClient.class)).findAll().iterator().next().descriptor();
    assertThat(core.packages()).contains("dev.vidgen.core.json", "dev.vidgen.core.concurrent", "dev.vidgen.core.text");
    assertThat(exported(core, true)).contains("dev.vidgen.core.json", "dev.vidgen.core.concurrent");
  }

  @Test
  void aUsersModuleCompilesAgainstTheApiAndIsRefusedTheInternals() throws Exception {
    String api = compile("""
        import dev.vidgen.core.client.VidgenClient;
        import dev.vidgen.core.port.VideoProviders;
        import dev.vidgen.provider.toapis.ToApisConfig;
        """, "VidgenClient.builder(); VideoProviders.availableIds(); ToApisConfig.builder();");
    assertThat(api).as("javac's errors").isEmpty();

    assertThat(compile("import dev.vidgen.core.json.JsonTrees;\n", ""))
        .contains("package dev.vidgen.core.json is not visible")
        .contains("dev.vidgen.core, which does not export it to module app.user");
    assertThat(compile("import dev.vidgen.core.concurrent.DaemonThreads;\n", ""))
        .contains("package dev.vidgen.core.concurrent is not visible");
    assertThat(compile("import dev.vidgen.core.text.SafeText;\n", ""))
        .contains("package dev.vidgen.core.text is not visible");
    assertThat(compile("import dev.vidgen.provider.toapis.internal.TaskDto;\n", ""))
        .contains("package dev.vidgen.provider.toapis.internal is not visible")
        .contains("dev.vidgen.provider.toapis, which does not export it");
  }

  @Test
  void serviceLoaderFindsBothProvidersOnTheModulePathAndEachMakesAVideo() throws Exception {
    Path classes = folder.resolve("app");
    assertThat(compile(classes, """
        import dev.vidgen.core.client.AwaitOptions;
        import dev.vidgen.core.client.VidgenClient;
        import dev.vidgen.core.domain.VideoJob;
        import dev.vidgen.core.policy.PollSchedule;
        import dev.vidgen.core.port.ProviderConfig;
        import dev.vidgen.core.port.VideoProviders;
        import java.nio.file.Files;
        import java.nio.file.Path;
        import java.time.Duration;
        """, """
        System.out.println("providers " + VideoProviders.availableIds());
        PollSchedule quick = PollSchedule.builder().firstDelay(Duration.ofMillis(50))
            .minInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(200))
            .budget(Duration.ofMillis(20), 100).deadline(Duration.ofSeconds(30)).build();
        ProviderConfig toapis = ProviderConfig.builder().baseUrl(args[0]).apiKey(args[1]).build();
        ProviderConfig mock = ProviderConfig.builder().set("mock.duration", "1s").build();
        for (String id : new String[] {"toapis", "mock"}) {
          try (VidgenClient client = VidgenClient.builder()
              .provider(id, id.equals("mock") ? mock : toapis).pollSchedule(quick).build()) {
            VideoJob job = VideoJob.builder("seedance-2").prompt("A red kite over green hills").seconds(5).build();
            Path video = client.generate(job, Path.of(args[2], id + ".mp4"), AwaitOptions.defaults()).file();
            System.out.println("video " + id + " " + (Files.size(video) > 0));
          }
        }
        """)).isEmpty();

    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().start()) {
      Path output = folder.resolve("output.txt");
      Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--module-path", modulePath() + File.pathSeparator + classes, "-m", "app.user/app.user.Main",
          fake.baseUrl(), fake.apiKey(), folder.toString())
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      boolean ended = app.waitFor(90, TimeUnit.SECONDS);
      if (!ended) {
        app.destroyForcibly();
      }
      String printed = Files.readString(output);

      assertThat(ended).as("the app ended; it printed:%n%s", printed).isTrue();
      assertThat(app.exitValue()).as(printed).isZero();
      assertThat(printed).contains("providers [mock, toapis]", "video toapis true", "video mock true");
      assertThat(fake.creates()).hasSize(1);
    }
  }

  /** Compiles module {@code app.user}, whose Main has these imports and main body, into a temp folder; javac's errors. */
  private String compile(String imports, String body) throws IOException, URISyntaxException {
    return compile(Files.createTempDirectory(folder, "classes"), imports, body);
  }

  private String compile(Path classes, String imports, String body) throws IOException, URISyntaxException {
    Path sources = Files.createTempDirectory(folder, "src");
    Files.writeString(sources.resolve("module-info.java"),
        "module app.user { requires dev.vidgen.core; requires dev.vidgen.provider.toapis; }\n");
    Path main = Files.createDirectories(sources.resolve("app/user")).resolve("Main.java");
    Files.writeString(main, "package app.user;\n\n" + imports
        + "\npublic class Main {\n  public static void main(String[] args) throws Exception {\n" + body + "\n  }\n}\n");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    // An empty class path: in process, javac would otherwise see this test's class path.
    Path noClassPath = Files.createTempDirectory(folder, "empty");
    int status = javac.run(null, errors, errors, "--module-path", modulePath(), "--class-path", noClassPath.toString(),
        "-d", classes.toString(), sources.resolve("module-info.java").toString(), main.toString());
    String text = errors.toString(StandardCharsets.UTF_8);
    assertThat(status == 0).as("javac's status agrees with its messages: %s", text).isEqualTo(text.isEmpty());
    return text;
  }

  private static String modulePath() throws URISyntaxException {
    StringBuilder path = new StringBuilder();
    for (String name : RUNTIME) {
      try {
        path.append(path.isEmpty() ? "" : File.pathSeparator).append(location(Class.forName(name)));
      } catch (ClassNotFoundException e) {
        throw new AssertionError(name + " is not on the test class path", e);
      }
    }
    return path.toString();
  }

  /** The jar or classes folder {@code type} was loaded from. */
  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static Set<String> exported(ModuleDescriptor module, boolean qualified) {
    return module.exports().stream().filter(export -> export.isQualified() == qualified)
        .map(Exports::source).collect(Collectors.toSet());
  }
}
