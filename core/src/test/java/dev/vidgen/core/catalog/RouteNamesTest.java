package dev.vidgen.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.core.domain.VideoJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever adds a name to a catalog (routes, patch, a later file), a name leads to one route only. */
class RouteNamesTest {
  private static final String PLAIN = "\"modes\": {\"text-to-video\": {}}, \"seconds\": {\"one_of\": [5, 10], \"default\": 5}";

  @TempDir Path folder;

  private static RouteFileException failure(String json) {
    return catchThrowableOfType(() -> RouteFiles.layer(RouteCatalog.builtIn(), "acme.json", json),
        RouteFileException.class);
  }

  @Test
  void aPatchMayNotGiveARouteAnAliasThatIsAnotherRoutesId() {
    RouteFileException e = failure("{\"patch\": {\"seedance-2-fast\": {\"aliases\": [\"seedance-2\"],"
        + " \"price\": {\"per_second_usd\": \"0.01\"}}, \"seedance-2\": {\"price\": {\"per_second_usd\": \"0.10\"}}}}");

    assertThat(e).hasMessage("acme.json: patch.seedance-2-fast.aliases[0]: alias \"seedance-2\" is already a name of"
        + " the route \"seedance-2\"; a name leads to one route only");
  }

  @Test
  void aPatchAliasIsComparedWithOtherRoutesNamesInAnyCase() {
    assertThat(failure("{\"patch\": {\"seedance-2-fast\": {\"aliases\": [\"sd2-fast\", \"GEMINI_OMNI_FLASH\"]}}}"))
        .hasMessage("acme.json: patch.seedance-2-fast.aliases[1]: alias \"GEMINI_OMNI_FLASH\" is already a name of"
            + " the route \"gemini-omni-flash\"; a name leads to one route only");
  }

  @Test
  void everyAliasThatClashesIsListedInOneError() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"acme-video-2\", \"aliases\": [\"seedance-2\", \"acme-2\","
        + " \"Veo3.1-fast\"], " + PLAIN + "}], \"patch\": {\"kling-v3\": {\"aliases\": [\"sora-2\", \"wan2.6\"]}}}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath)
        .containsExactly("routes[0].aliases[0]", "routes[0].aliases[2]", "patch.kling-v3.aliases[0]",
            "patch.kling-v3.aliases[1]");
    assertThat(e.all().get(1).problem()).isEqualTo("alias \"Veo3.1-fast\" is already a name of the route"
        + " \"veo3.1-fast\"; a name leads to one route only");
  }

  @Test
  void aNewIdThatIsAnotherRoutesNameIsRefused() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"Seedance-2\", " + PLAIN + "},"
        + " {\"id\": \"gemini_omni_flash\", " + PLAIN + "}]}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        org.assertj.core.groups.Tuple.tuple("routes[0].id", "id \"Seedance-2\" is already a name of the route"
            + " \"seedance-2\"; a name leads to one route only; to replace that route, spell its id as it is"),
        org.assertj.core.groups.Tuple.tuple("routes[1].id", "id \"gemini_omni_flash\" is already a name of the route"
            + " \"gemini-omni-flash\"; a name leads to one route only; give this route another id"));
  }

  @Test
  void aRouteReplacingABuiltInOfTheSameIdStillWorksAndFreesTheNamesItDrops() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.builtIn(), "acme.json", "{\"routes\": ["
        + "{\"id\": \"seedance-2\", \"aliases\": [\"sd2\"], " + PLAIN + ", \"price\": {\"per_second_usd\": \"0.10\"}},"
        + "{\"id\": \"gemini-omni-flash\", " + PLAIN + "}, {\"id\": \"gemini_omni_flash\", " + PLAIN + "}]}");

    assertThat(catalog.require("SD2")).isSameAs(catalog.require("seedance-2"));
    assertThat(catalog.require("seedance-2").durations().describe()).isEqualTo("5 or 10");
    assertThat(catalog.origin("seedance-2")).hasValue("acme.json");
    assertThat(catalog.require("gemini_omni_flash").id()).isEqualTo("gemini_omni_flash");
    assertThat(JobValidator.of(catalog).validate(VideoJob.builder("sd2").prompt("p").seconds(10).build()).isValid())
        .isTrue();
  }

  @Test
  void aRouteRefusedForItsNameLeavesTheRouteItWouldReplaceWhoseNamesAreCheckedToo() {
    RouteFileException e = failure("{\"routes\": ["
        + "{\"id\": \"seedance-2\", \"aliases\": [\"kling-v3\"], " + PLAIN + "},"
        + "{\"id\": \"acme-video-2\", \"aliases\": [\"seedance-2\"], " + PLAIN + "}],"
        + " \"patch\": {\"seedance-2\": {\"note\": \"x\"}}}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath)
        .containsExactly("routes[0].aliases[0]", "routes[1].aliases[0]");
  }

  @Test
  void aLaterFileMayNotAddARouteNamedAsAnEarlierFilesAlias() throws Exception {
    Path a = Files.writeString(folder.resolve("a.json"),
        "{\"routes\": [{\"id\": \"acme-video-2\", \"aliases\": [\"acme-2\"], " + PLAIN + "}]}");
    Path b = Files.writeString(folder.resolve("b.json"), "{\"routes\": [{\"id\": \"ACME-2\", " + PLAIN + "}]}");

    RouteFileException e = catchThrowableOfType(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(a, b)),
        RouteFileException.class);

    assertThat(e).hasMessage(b + ": routes[0].id: id \"ACME-2\" is already a name of the route \"acme-video-2\";"
        + " a name leads to one route only; give this route another id");
  }

  @Test
  void aClashIsToldBesideTheOtherProblemsOfItsRouteAndOfItsPatch() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"acme-1\", \"aliases\": [\"Seedance-2\"],"
        + " \"modes\": {\"text-to-video\": {}}, \"seconds\": {\"one_of\": [5], \"default\": 5},"
        + " \"aspect_ratios\": {\"one_of\": [\"wide\"]}}],"
        + " \"patch\": {\"kling-v3\": {\"aliases\": [\"WAN2.6\"], \"seconds\": {\"one_of\": [5.5], \"default\": 5}}}}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath).containsExactly("routes[0].aspect_ratios.one_of[0]",
        "routes[0].aliases[0]", "patch.kling-v3.seconds.one_of[0]", "patch.kling-v3.seconds.default",
        "patch.kling-v3.aliases[0]");
    assertThat(e.all().get(3).problem()).isEqualTo("default 5 is not in one_of; allowed: none (every value of one_of"
        + " is wrong)");
    assertThat(e.all().get(4).problem()).isEqualTo("alias \"WAN2.6\" is already a name of the route \"wan2.6\";"
        + " a name leads to one route only");
  }

  @Test
  void anIdInAnotherCaseIsToldBesideAWrongDuration() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"Kling-V3\", \"modes\": {\"text-to-video\": {}},"
        + " \"seconds\": {\"one_of\": [5.5, 6], \"default\": 6}}]}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        Tuple.tuple("routes[0].seconds.one_of[0]", "expected a duration in whole seconds (a whole number of 1 or more),"
            + " got 5.5, which has a fraction"),
        Tuple.tuple("routes[0].id", "id \"Kling-V3\" is already a name of the route \"kling-v3\"; a name leads to one"
            + " route only; to replace that route, spell its id as it is"));
  }

  @Test
  void everyClashWithinARouteAndBetweenTheFilesRoutesIsListedAtItsPath() {
    RouteFileException e = failure("{\"routes\": ["
        + "{\"id\": \"acme-1\", \"aliases\": [\"x-shared\", \"ACME-1\"], " + PLAIN + "},"
        + "{\"id\": \"acme-2\", \"aliases\": [\"X-SHARED\", \"acme-1\"], " + PLAIN + "}]}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        Tuple.tuple("routes[0].aliases[1]", "alias \"ACME-1\" is already a name of the route \"acme-1\" (this route);"
            + " give each name once"),
        Tuple.tuple("routes[1].aliases[0]", "alias \"X-SHARED\" is already a name of the route \"acme-1\"; a name"
            + " leads to one route only"),
        Tuple.tuple("routes[1].aliases[1]", "alias \"acme-1\" is already a name of the route \"acme-1\"; a name leads"
            + " to one route only"));
  }

  @Test
  void aRouteThatCannotBeReadStillHoldsItsNamesAgainstTheLaterRoutes() {
    RouteFileException e = failure("{\"routes\": ["
        + "{\"id\": \"acme-1\", \"aliases\": [\"acme-one\"], \"family\": 7, " + PLAIN + "},"
        + "{\"id\": \"ACME-ONE\", " + PLAIN + "}]}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath).containsExactly("routes[0].family", "routes[1].id");
    assertThat(e.all().get(1).problem()).startsWith("id \"ACME-ONE\" is already a name of the route \"acme-1\"");
  }

  @Test
  void aReplacementThatCannotBeReadFreesTheNamesItDropsAndALaterFileIsStillRead() throws Exception {
    Path a = Files.writeString(folder.resolve("a.json"), "{\"routes\": ["
        + "{\"id\": \"gemini-omni-flash\", \"family\": 7, " + PLAIN + "},"
        + "{\"id\": \"acme-x\", \"aliases\": [\"gemini_omni_flash\"], " + PLAIN + "}]}");
    Path b = Files.writeString(folder.resolve("b.json"), "{\"patch\": {\"acme-x\": {\"note\": \"x\"}}}");

    RouteFileException e = catchThrowableOfType(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(a, b)),
        RouteFileException.class);

    assertThat(e.all()).extracting(RouteFileException::jsonPath).containsExactly("routes[0].family");
  }

  @Test
  void aPatchAliasThatIsANameOfARouteOfTheFileWithAWrongDurationIsToldBesideIt() throws Exception {
    Path file = Files.writeString(folder.resolve("r3.json"), "{\"routes\": [{\"id\": \"acme-2\","
        + " \"modes\": {\"text-to-video\": {}}, \"seconds\": {\"one_of\": [5], \"default\": 7}}],"
        + " \"patch\": {\"seedance-2-fast\": {\"aliases\": [\"ACME-2\"]}}}");

    RouteFileException e = catchThrowableOfType(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(file)),
        RouteFileException.class);

    assertThat(e.all()).extracting(RouteFileException::file, RouteFileException::jsonPath, RouteFileException::problem)
        .containsExactly(
            Tuple.tuple(file.toString(), "routes[0].seconds.default", "default 7 is not in one_of; allowed: 5"),
            Tuple.tuple(file.toString(), "patch.seedance-2-fast.aliases[0]", "alias \"ACME-2\" is already a name of"
                + " the route \"acme-2\"; a name leads to one route only"));
  }

  @Test
  void aPatchAliasThatIsANameOfARouteRefusedForItsOwnAliasIsToldBesideIt() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"acme-2\", \"aliases\": [\"acme-two\", \"Seedance-2\"], "
        + PLAIN + "}], \"patch\": {\"seedance-2-fast\": {\"aliases\": [\"ACME-TWO\"]}}}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        Tuple.tuple("routes[0].aliases[1]", "alias \"Seedance-2\" is already a name of the route \"seedance-2\"; a name"
            + " leads to one route only"),
        Tuple.tuple("patch.seedance-2-fast.aliases[0]", "alias \"ACME-TWO\" is already a name of the route"
            + " \"acme-2\"; a name leads to one route only"));
  }

  @Test
  void aPatchAliasingNamesOfTwoRoutesOfTheFileWithProblemsIsToldForEach() {
    RouteFileException e = failure("{\"routes\": ["
        + "{\"id\": \"acme-2\", \"modes\": {\"text-to-video\": {}}, \"seconds\": {\"one_of\": [5], \"default\": 7}},"
        + "{\"id\": \"acme-3\", \"aliases\": [\"acme-three\", \"ACME-3\"], \"family\": 7, " + PLAIN + "}],"
        + " \"patch\": {\"seedance-2-fast\": {\"aliases\": [\"Acme-2\", \"sd2-fast\", \"Acme-Three\"]}}}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        Tuple.tuple("routes[0].seconds.default", "default 7 is not in one_of; allowed: 5"),
        Tuple.tuple("routes[1].family", "expected family (a non-blank string), got the number 7"),
        Tuple.tuple("routes[1].aliases[1]", "alias \"ACME-3\" is already a name of the route \"acme-3\" (this route);"
            + " give each name once"),
        Tuple.tuple("patch.seedance-2-fast.aliases[0]", "alias \"Acme-2\" is already a name of the route \"acme-2\";"
            + " a name leads to one route only"),
        Tuple.tuple("patch.seedance-2-fast.aliases[2]", "alias \"Acme-Three\" is already a name of the route"
            + " \"acme-3\"; a name leads to one route only"));
  }

  @Test
  void aReplacementThatCannotBeReadFreesTheNamesItDropsForAPatchOfItsFile() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"gemini-omni-flash\", \"family\": 7, " + PLAIN + "}],"
        + " \"patch\": {\"seedance-2-fast\": {\"aliases\": [\"gemini_omni_flash\"]}}}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath).containsExactly("routes[0].family");
  }
}
