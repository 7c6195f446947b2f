package dev.vidgen.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.RouteCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of bad route file gets an error: the file, the JSON path, what was wrong and what is
 * allowed; a file with several bad routes, patches or removals gets all of them at once.
 */
class RouteFileErrorsTest {
  private static final String MODES = "\"modes\": {\"text-to-video\": {}}";
  private static final String SECONDS = "\"seconds\": {\"one_of\": [5, 10], \"default\": 5}";

  @TempDir Path folder;

  /** The error reading {@code json} as a route file over the built-in catalog gives (one is expected). */
  static RouteFileException failure(String json) {
    try {
      RouteFiles.layer(RouteCatalog.builtIn(), "acme.json", json);
    } catch (RouteFileException e) {
      return e;
    }
    throw new AssertionError("no error for " + json);
  }

  private static String route(String fields) {
    return "{\"routes\": [{\"id\": \"acme-video-2\", " + MODES + ", " + SECONDS + (fields.isEmpty() ? "" : ", " + fields)
        + "}]}";
  }

  @Test
  void everyBadRoutePatchAndRemovalOfAFileIsListedInOneError() {
    RouteFileException e = failure("{\"routes\": ["
        + "{\"id\": \"a\", \"modes\": {\"t2v\": {}}, " + SECONDS + "},"
        + "{\"id\": \"b\", " + MODES + ", " + SECONDS + "},"
        + "{\"id\": \"c\", " + MODES + ", \"seconds\": {\"one_of\": [5], \"default\": 7}}],"
        + " \"patch\": {\"nope-model\": {\"max_prompt_chars\": 10}, \"b\": {\"max_prompt_chars\": 10}},"
        + " \"remove\": [\"ghost\", \"b\"]}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath)
        .containsExactly("routes[0].modes.t2v", "routes[2].seconds.default", "patch.nope-model", "remove[0]");
    assertThat(e.jsonPath()).as("the first problem").isEqualTo("routes[0].modes.t2v");
    assertThat(e.getMessage()).startsWith("acme.json: routes[0].modes.t2v: unknown mode \"t2v\"")
        .contains("(and 3 more: routes[2].seconds.default: default 7 is not in one_of", "patch.nope-model: ",
            "remove[0]: remove of an unknown route \"ghost\"");
  }

  @Test
  void aResolutionWithASpaceIsRefusedAtItsEntryInWordsAboutResolutions() {
    RouteFileException e = failure(route("\"resolutions\": {\"one_of\": [\"720p\", \"1080 p\"]}"));

    assertThat(e.all()).extracting(RouteFileException::jsonPath).containsExactly("routes[0].resolutions.one_of[1]");
    assertThat(e.problem()).isEqualTo("the resolution \"1080 p\" has a space; a resolution is letters, digits and"
        + " signs, such as 720p, 1080P or 4k, without spaces or control characters");
  }

  @Test
  void eachProblemBecomesAJsonEntryOfItsOwnInTheFilesOrder() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"c\", " + MODES
        + ", \"seconds\": {\"one_of\": [5], \"default\": 7}}], \"remove\": [\"ghost\"]}");

    assertThat(e.problemEntries()).hasSize(2);
    assertThat(e.problemEntries().get(0)).containsExactly(java.util.Map.entry("file", "acme.json"),
        java.util.Map.entry("path", "routes[0].seconds.default"),
        java.util.Map.entry("problem", e.all().get(0).problem()));
    assertThat(e.problemEntries().get(1)).containsEntry("path", "remove[0]")
        .containsEntry("problem", e.all().get(1).problem());
  }

  @Test
  void aDefaultOutsideOneOf() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"acme-video-2\", " + MODES
        + ", \"seconds\": {\"one_of\": [5, 10], \"default\": 7}}]}");

    assertThat(e).hasMessage("acme.json: routes[0].seconds.default: default 7 is not in one_of; allowed: 5, 10");
    assertThat(e.file()).isEqualTo("acme.json");
    assertThat(e.jsonPath()).isEqualTo("routes[0].seconds.default");
  }

  @Test
  void aDefaultRatioOutsideOneOf() {
    assertThat(failure(route("\"aspect_ratios\": {\"one_of\": [\"16:9\"], \"default\": \"4:3\"}")))
        .hasMessage("acme.json: routes[0].aspect_ratios.default: default \"4:3\" is not in one_of; allowed: 16:9");
  }

  @Test
  void aDefaultOutsideTheRange() {
    assertThat(failure("{\"routes\": [{\"id\": \"a\", " + MODES + ", \"seconds\": {\"min\": 4, \"max\": 15, \"default\": 20}}]}"))
        .hasMessage("acme.json: routes[0].seconds.default: default 20 s is outside 4 to 15 s;"
            + " allowed: a whole number of seconds from 4 to 15");
  }

  @Test
  void anUnknownMode() {
    assertThat(failure("{\"routes\": [{\"id\": \"a\", \"modes\": {\"text-to-movie\": {}}, " + SECONDS + "}]}"))
        .hasMessage("acme.json: routes[0].modes.text-to-movie: unknown mode \"text-to-movie\"; allowed modes:"
            + " text-to-video, image-to-video, reference-to-video, video-edit");
  }

  @Test
  void aNegativePrice() {
    assertThat(failure(route("\"price\": {\"per_second_usd\": \"-0.05\"}")))
        .hasMessage("acme.json: routes[0].price.per_second_usd: negative price -0.05; a price is 0 or more US dollars,"
            + " written without a sign");
    assertThat(failure(route("\"price\": {\"per_second_usd\": -0.06}"))).as("written as a number, told the same")
        .hasMessage("acme.json: routes[0].price.per_second_usd: negative price -0.06; a price is 0 or more US dollars,"
            + " written without a sign");
  }

  @Test
  void aPriceOfNoSaneSizeIsRefusedWrittenAsANumberOrAsAString() {
    assertThat(failure(route("\"price\": {\"per_second_usd\": 1e400}")))
        .hasMessage("acme.json: routes[0].price.per_second_usd: price 1E+400 US dollars is too large: a price is less"
            + " than 1000000 US dollars");
    assertThat(failure(route("\"price\": {\"per_second_usd\": \"1000000\"}")))
        .hasMessageContaining("price 1000000 US dollars is too large");
    assertThat(failure(route("\"price\": {\"per_second_usd\": 1e-400}")))
        .hasMessage("acme.json: routes[0].price.per_second_usd: price 1E-400 has more than 12 decimal places; a price"
            + " is written to 12 places at most: the smallest, 0.000000000001 US dollars, is 0.0000000002 credits (200"
            + " credits per US dollar), far below any real price");
    assertThat(failure(route("\"price\": {\"per_second_usd\": 0.30000000000000004}")))
        .hasMessageContaining("price 0.30000000000000004 has more than 12 decimal places");
    assertThat(failure(route("\"price\": {\"per_second_usd\": \"0.0000000000001\"}")))
        .hasMessageContaining("has more than 12 decimal places");
  }

  @Test
  void everyBadEntryOfAPriceIsListedNotOnlyTheFirst() {
    RouteFileException perRequest = failure(route("\"price\": {\"per_request_usd\": {\"5\": \"-0.10\", \"10\": \"abc\","
        + " \"15\": \"0.15\"}}"));
    RouteFileException byResolution = failure(route("\"resolutions\": {\"one_of\": [\"720p\", \"1080p\"]}, \"price\":"
        + " {\"by_resolution\": {\"720p\": {\"per_second_usd\": \"-1\"}, \"1080p\": {\"per_second_usd\": \"x\"}}}"));

    assertThat(perRequest.all()).as("15 s, read well, is not offered either").extracting(RouteFileException::jsonPath)
        .containsExactly("routes[0].price.per_request_usd.5", "routes[0].price.per_request_usd.10",
            "routes[0].price.per_request_usd.15");
    assertThat(byResolution.all()).extracting(RouteFileException::jsonPath).containsExactly(
        "routes[0].price.by_resolution.720p.per_second_usd", "routes[0].price.by_resolution.1080p.per_second_usd");
  }

  @Test
  void aPricedLengthOrResolutionTheRouteDoesNotOfferIsToldWithThePricesOtherProblemsNotAfterThem() {
    RouteFileException perRequest = failure(route("\"seconds\": {\"one_of\": [5, 10, 15], \"default\": 5}, \"price\":"
        + " {\"per_request_usd\": {\"5\": \"abc\", \"10\": \"0.1\", \"7\": \"0.1\"}}").replace(SECONDS + ", ", ""));
    RouteFileException byResolution = failure(route("\"resolutions\": {\"one_of\": [\"720p\"]}, \"price\":"
        + " {\"by_resolution\": {\"720p\": {\"per_second_usd\": \"x\"}, \"1080p\": {\"per_second_usd\": \"y\"},"
        + " \"4k\": {\"per_request_usd\": {\"5\": \"0.5\", \"7\": \"z\"}}}}"));

    assertThat(perRequest.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        org.assertj.core.groups.Tuple.tuple("routes[0].price.per_request_usd.5",
            "expected the price of 5 s (a decimal in US dollars such as \"0.05\"), got the string \"abc\""),
        org.assertj.core.groups.Tuple.tuple("routes[0].price.per_request_usd.7",
            "a price for 7 s, which the route does not offer; its durations: 5, 10 or 15 s"));
    assertThat(byResolution.all()).extracting(RouteFileException::jsonPath).containsExactly(
        "routes[0].price.by_resolution.720p.per_second_usd", "routes[0].price.by_resolution.1080p.per_second_usd",
        "routes[0].price.by_resolution.4k.per_request_usd.7", "routes[0].price.by_resolution.1080p",
        "routes[0].price.by_resolution.4k");
  }

  @Test
  void aPriceWhoseRouteHasBadSecondsIsNotCheckedAgainstThem() {
    RouteFileException e = failure(route("\"seconds\": {\"one_of\": [5, \"ten\"], \"default\": 5}, \"price\":"
        + " {\"per_request_usd\": {\"5\": \"abc\", \"10\": \"0.1\"}}").replace(SECONDS + ", ", ""));

    assertThat(e.all()).as("10 s may well be offered once the seconds are mended").extracting(RouteFileException::jsonPath)
        .containsExactly("routes[0].seconds.one_of[1]", "routes[0].price.per_request_usd.5");
  }

  @Test
  void aPriceForALengthNotOfferedIsToldBesideAWrongDefaultLength() {
    RouteFileException oneOf = failure(route("\"seconds\": {\"one_of\": [4, 8], \"default\": 7}, \"price\":"
        + " {\"per_request_usd\": {\"4\": \"-1\", \"9\": \"0.4\"}}").replace(SECONDS + ", ", ""));
    RouteFileException range = failure(route("\"seconds\": {\"min\": 4, \"max\": 8, \"default\": 12}, \"price\":"
        + " {\"per_request_usd\": {\"4\": \"0.2\", \"9\": \"0.4\"}}").replace(SECONDS + ", ", ""));

    assertThat(oneOf.all()).as("the durations 4 and 8 can be read though the default is wrong")
        .extracting(RouteFileException::jsonPath).containsExactly("routes[0].seconds.default",
            "routes[0].price.per_request_usd.4", "routes[0].price.per_request_usd.9");
    assertThat(oneOf.all().get(2).problem())
        .isEqualTo("a price for 9 s, which the route does not offer; its durations: 4 or 8 s");
    assertThat(range.all()).as("a price read whole is checked too when another field is wrong")
        .extracting(RouteFileException::jsonPath)
        .containsExactly("routes[0].seconds.default", "routes[0].price.per_request_usd.9");
  }

  @Test
  void aPriceForALengthNotOfferedIsToldBesideAnotherFieldsProblem() {
    RouteFileException e = failure(route("\"max_prompt_chars\": 0, \"price\": {\"per_request_usd\": {\"5\": \"0.1\","
        + " \"7\": \"0.2\"}}"));

    assertThat(e.all()).extracting(RouteFileException::jsonPath)
        .containsExactly("routes[0].max_prompt_chars", "routes[0].price.per_request_usd.7");
  }

  @Test
  void aPriceForALengthOrResolutionNotOfferedIsToldBesideAWrongDefaultResolutionAutomaticOrAMissingField() {
    String seconds = "\"seconds\": {\"one_of\": [4, 8], \"default\": 4}";
    String price = "\"price\": {\"per_request_usd\": {\"4\": \"0.1\", \"6\": \"0.2\"}}";
    RouteFileException resolutionDefault = failure("{\"routes\": [{\"id\": \"zeta-video-1\", " + MODES + ", "
        + seconds + ", \"resolutions\": {\"one_of\": [\"720p\"], \"default\": \"1080p\"}, " + price + "}]}");
    RouteFileException byResolution = failure(route("\"resolutions\": {\"one_of\": [\"720p\"], \"default\": \"1080p\"},"
        + " \"price\": {\"by_resolution\": {\"720p\": {\"per_second_usd\": \"0.1\"}, \"4k\": {\"per_second_usd\": \"1\"}}}"));
    RouteFileException badResolutionEntry = failure(route("\"resolutions\": {\"one_of\": [\"720 p\"]}, \"price\":"
        + " {\"per_request_usd\": {\"5\": \"0.1\", \"6\": \"0.2\"}}"));
    RouteFileException automatic = failure("{\"routes\": [{\"id\": \"zeta-video-1\", " + MODES + ", \"seconds\":"
        + " {\"one_of\": [4, 8], \"default\": 4, \"automatic\": [5]}, " + price + "}]}");
    RouteFileException missingModes = failure("{\"routes\": [{\"id\": \"zeta-video-1\", " + seconds + ", " + price + "}]}");
    RouteFileException patch = failure("{\"routes\": [{\"id\": \"zeta-video-1\", " + MODES + ", " + seconds + ", "
        + price.replace("\"6\"", "\"8\"") + "}], \"patch\": {\"zeta-video-1\": {\"resolutions\": {\"one_of\": [\"720p\"],"
        + " \"default\": \"1080p\"}, \"seconds\": {\"one_of\": [4], \"default\": 4}}}}");

    assertThat(resolutionDefault.all()).as("the durations can be read, whatever the resolutions' default")
        .extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
            org.assertj.core.groups.Tuple.tuple("routes[0].resolutions.default",
                "default \"1080p\" is not in one_of; allowed: 720p"),
            org.assertj.core.groups.Tuple.tuple("routes[0].price.per_request_usd.6",
                "a price for 6 s, which the route does not offer; its durations: 4 or 8 s"));
    assertThat(byResolution.all()).as("the resolutions of one_of are read though the default is wrong")
        .extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
            org.assertj.core.groups.Tuple.tuple("routes[0].resolutions.default",
                "default \"1080p\" is not in one_of; allowed: 720p"),
            org.assertj.core.groups.Tuple.tuple("routes[0].price.by_resolution.4k",
                "a price for 4k, which the route does not offer; its resolutions: 720p"));
    assertThat(badResolutionEntry.all()).as("a wrong resolution leaves the durations to be judged")
        .extracting(RouteFileException::jsonPath)
        .containsExactly("routes[0].resolutions.one_of[0]", "routes[0].price.per_request_usd.6");
    assertThat(automatic.all()).extracting(RouteFileException::jsonPath)
        .containsExactly("routes[0].seconds.automatic[0]", "routes[0].price.per_request_usd.6");
    assertThat(missingModes.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("routes[0]",
                "missing \"modes\": the modes the route offers, such as {\"text-to-video\": {}}"),
            org.assertj.core.groups.Tuple.tuple("routes[0].price.per_request_usd.6",
                "a price for 6 s, which the route does not offer; its durations: 4 or 8 s"));
    assertThat(patch.all()).as("a patch's wrong resolutions default does not hide the price it keeps")
        .extracting(RouteFileException::jsonPath)
        .containsExactly("patch.zeta-video-1.resolutions.default", "patch.zeta-video-1");
    assertThat(patch.all().get(1).problem()).isEqualTo("the price it keeps (per_request_usd.8) has a price for 8 s,"
        + " which the route does not offer; its durations: 4 s; give the price too");
  }

  @Test
  void anUnknownKeyInSecondsOrResolutionsIsToldBesideAPriceForWhatTheRouteDoesNotOffer() {
    String price = "\"price\": {\"per_request_usd\": {\"5\": \"0.1\", \"7\": \"0.2\"}}";
    RouteFileException seconds = failure(route("\"seconds\": {\"one_of\": [5, 10], \"defualt\": 5}, " + price)
        .replace(SECONDS + ", ", ""));
    RouteFileException wrongDefault = failure(route("\"seconds\": {\"one_of\": [5, 10], \"default\": 7,"
        + " \"automatc\": [0]}, " + price).replace(SECONDS + ", ", ""));
    RouteFileException resolutions = failure(route("\"resolutions\": {\"one_of\": [\"720p\"], \"defualt\": \"720p\"},"
        + " \"price\": {\"by_resolution\": {\"720p\": {\"per_second_usd\": \"0.1\"}, \"4k\": {\"per_second_usd\": \"1\"}}}"));
    RouteFileException oneOf = failure(route("\"seconds\": {\"one_off\": [5, 10], \"default\": 5}, " + price)
        .replace(SECONDS + ", ", ""));

    assertThat(seconds.all()).as("the durations are read beside the misspelt default, which is not also told missing")
        .extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
            org.assertj.core.groups.Tuple.tuple("routes[0].seconds.defualt",
                "unknown key \"defualt\" in seconds; allowed: one_of, min, max, default, automatic"),
            org.assertj.core.groups.Tuple.tuple("routes[0].price.per_request_usd.7",
                "a price for 7 s, which the route does not offer; its durations: 5 or 10 s"));
    assertThat(wrongDefault.all()).extracting(RouteFileException::jsonPath).containsExactly(
        "routes[0].seconds.automatc", "routes[0].seconds.default", "routes[0].price.per_request_usd.7");
    assertThat(resolutions.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("routes[0].resolutions.defualt",
                "unknown key \"defualt\" in resolutions; allowed: one_of, default"),
            org.assertj.core.groups.Tuple.tuple("routes[0].price.by_resolution.4k",
                "a price for 4k, which the route does not offer; its resolutions: 720p"));
    assertThat(oneOf.all()).as("a misspelt one_of is not also told as neither one_of nor min and max")
        .extracting(RouteFileException::jsonPath).containsExactly("routes[0].seconds.one_off");
  }

  @Test
  void aPriceTheSchemaRefusesIsRefusedToo() {
    assertThat(failure(route("\"price\": {\"per_second_usd\": \"-0\"}")))
        .hasMessage("acme.json: routes[0].price.per_second_usd: negative price -0; a price is 0 or more US dollars,"
            + " written without a sign");
    assertThat(failure(route("\"price\": {\"per_second_usd\": \" 0.05 \"}")))
        .hasMessage("acme.json: routes[0].price.per_second_usd: price \" 0.05 \" has spaces around it; write it as"
            + " \"0.05\"");
  }

  @Test
  void aPriceThatIsNotADecimal() {
    assertThat(failure(route("\"price\": {\"per_request_usd\": {\"5\": \"five cents\"}}")))
        .hasMessage("acme.json: routes[0].price.per_request_usd.5: expected the price of 5 s"
            + " (a decimal in US dollars such as \"0.05\"), got the string \"five cents\"");
  }

  @Test
  void aPriceForADurationTheRouteDoesNotOffer() {
    assertThat(failure(route("\"price\": {\"per_request_usd\": {\"5\": \"0.10\", \"7\": \"0.20\"}}")))
        .hasMessage("acme.json: routes[0].price.per_request_usd.7: a price for 7 s, which the route does not offer;"
            + " its durations: 5 or 10 s");
  }

  @Test
  void twoPriceShapesAtOnce() {
    assertThat(failure(route("\"price\": {\"per_second_usd\": \"0.05\", \"unknown\": \"ask\"}")))
        .hasMessage("acme.json: routes[0].price: give exactly one of per_second_usd, per_request_usd, by_resolution,"
            + " unknown; got per_second_usd and unknown");
  }

  @Test
  void aPriceForAResolutionTheRouteDoesNotOffer() {
    assertThat(failure(route("\"resolutions\": {\"one_of\": [\"720p\"]}, "
        + "\"price\": {\"by_resolution\": {\"8k\": {\"per_second_usd\": \"1\"}}}")))
        .hasMessage("acme.json: routes[0].price.by_resolution.8k: a price for 8k, which the route does not offer;"
            + " its resolutions: 720p");
  }

  @Test
  void aDuplicateId() {
    String acme = "{\"id\": \"acme-video-2\", " + MODES + ", " + SECONDS + "}";
    assertThat(failure("{\"routes\": [" + acme + ", " + acme.replace("acme-video-2", "ACME-video-2") + "]}"))
        .hasMessage("acme.json: routes[1].id: duplicate id \"ACME-video-2\": routes[0] has it already;"
            + " each id appears once in routes (a later file may replace it)");
  }

  @Test
  void anAliasThatRepeatsTheIdOrAnotherAlias() {
    assertThat(failure(route("\"aliases\": [\"ACME-video-2\"]")))
        .hasMessage("acme.json: routes[0].aliases[0]: alias \"ACME-video-2\" is already a name of the route"
            + " \"acme-video-2\" (this route); give each name once");
    assertThat(failure(route("\"aliases\": [\"acme_video_2\", \"Acme_Video_2\"]")))
        .hasMessage("acme.json: routes[0].aliases[1]: alias \"Acme_Video_2\" is already a name of the route"
            + " \"acme-video-2\" (this route); give each name once");
    assertThat(failure(route("\"aliases\": [\"Seedance-2\"]")))
        .hasMessage("acme.json: routes[0].aliases[0]: alias \"Seedance-2\" is already a name of the route \"seedance-2\";"
            + " a name leads to one route only");
    assertThat(failure(route("\"aliases\": [\"GEMINI_omni_flash\"]")))
        .hasMessage("acme.json: routes[0].aliases[0]: alias \"GEMINI_omni_flash\" is already a name of the route"
            + " \"gemini-omni-flash\"; a name leads to one route only");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"route": []}                                  | acme.json: route: unknown key "route" in a route file; allowed: $schema, routes, patch, remove
      {"routes": [{"id": "a", "secs": 5}]}            | acme.json: routes[0].secs: unknown key "secs" in a route; allowed: id, aliases, display_name, family, modes, seconds, aspect_ratios, resolutions, max_prompt_chars, prompt_required, price, params, rules, hints, note, assumed, retired
      {"patch": {"seedance-2": {"id": "x"}}}          | acme.json: patch.seedance-2.id: unknown key "id" in a patch (any route field but id); allowed: aliases, display_name, family, modes, seconds, aspect_ratios, resolutions, max_prompt_chars, prompt_required, price, params, rules, hints, note, assumed, retired
      """)
  void anUnknownKey(String json, String message) {
    assertThat(failure(json)).hasMessage(message);
  }

  @Test
  void aPatchOfAnUnknownId() {
    assertThat(failure("{\"patch\": {\"seedance-3\": {\"note\": \"x\"}}}"))
        .hasMessageStartingWith("acme.json: patch.seedance-3: patch of an unknown route \"seedance-3\"; known ids near it: seedance-2");
  }

  @Test
  void aPatchNamesAnIdWithDotsInBrackets() {
    assertThat(failure("{\"patch\": {\"veo3.1-fast\": {\"seconds\": {\"one_of\": [8], \"default\": 4}}}}"))
        .hasMessage("acme.json: patch[\"veo3.1-fast\"].seconds.default: default 4 is not in one_of; allowed: 8");
  }

  @Test
  void aRemoveOfAnUnknownId() {
    assertThat(failure("{\"remove\": [\"kling-v9\"]}"))
        .hasMessageStartingWith("acme.json: remove[0]: remove of an unknown route \"kling-v9\"; known ids near it: kling-v");
  }

  @Test
  void anIdRemovedTwiceIsSaidToBeRemovedAlreadyNotUnknown() {
    assertThat(failure("{\"remove\": [\"kling-v3\", \"kling-v3\"]}"))
        .hasMessage("acme.json: remove[1]: \"kling-v3\" is already removed by an earlier entry of this list; give each id"
            + " once");
  }

  @Test
  void aMissingRequiredField() {
    assertThat(failure("{\"routes\": [{\"id\": \"a\", " + MODES + "}]}"))
        .hasMessage("acme.json: routes[0]: missing \"seconds\": the durations, such as {\"one_of\": [5, 10], \"default\": 5}");
  }

  @Test
  void aValueOfTheWrongType() {
    assertThat(failure(route("\"max_prompt_chars\": \"2000\"")))
        .hasMessage("acme.json: routes[0].max_prompt_chars: expected max_prompt_chars (a whole number of 1 or more),"
            + " got the string \"2000\"");
  }

  @Test
  void anUnknownRuleKind() {
    assertThat(failure(route("\"rules\": [{\"kind\": \"sometimes\", \"reason\": \"x\"}]")))
        .hasMessage("acme.json: routes[0].rules[0].kind: unknown rule kind \"sometimes\"; allowed: at_resolution,"
            + " aspect_ratios_in_mode, aspect_ratio_ignored_in_mode, param_only, prompt_required_in, url_schemes,"
            + " param_max_items, param_needs_inputs, param_one_of, image_pixels");
  }

  @Test
  void aUrlSchemeThatIsNotOne() {
    assertThat(failure(route("\"rules\": [{\"kind\": \"url_schemes\", \"schemes\": [\"https\", \"asset://\"],"
        + " \"reason\": \"x\"}]")))
        .hasMessage("acme.json: routes[0].rules[0].schemes: not a URL scheme: asset:// (give names such as https,"
            + " data, asset)");
  }

  @Test
  void aBadRetirementDate() {
    assertThat(failure(route("\"retired\": {\"on\": \"24.09.2026\", \"note\": \"gone\"}")))
        .hasMessage("acme.json: routes[0].retired.on: expected a date as YYYY-MM-DD, such as \"2026-09-24\","
            + " got the string \"24.09.2026\"");
  }

  @Test
  void aRetiredThatIsNeitherAnObjectNorNull() {
    assertThat(failure("{\"patch\": {\"sora-2\": {\"retired\": false}}}"))
        .hasMessage("acme.json: patch.sora-2.retired: expected retired (an object such as {\"on\": \"2027-01-31\","
            + " \"note\": \"why\"}, or null for a route that is not retired), got false");
  }

  @Test
  void aRouteWithARuleThatDoesNotFitHasItsBadInsteadToldInTheSameReading() {
    RouteFileException e = failure(route("\"rules\": [{\"kind\": \"at_resolution\", \"resolution\": \"1080p\","
        + " \"seconds\": [5], \"reason\": \"x\"}], \"retired\": {\"on\": \"2026-01-01\", \"note\": \"n\","
        + " \"instead\": [\"nope-model\", \"acme-video-2\"]}"));
    RouteFileException unreadableRetired = failure(route("\"rules\": [{\"kind\": \"at_resolution\", \"resolution\":"
        + " \"1080p\", \"seconds\": [5], \"reason\": \"x\"}], \"retired\": {\"on\": \"2026-01-01\", \"note\": \"n\","
        + " \"instead\": [7]}"));

    assertThat(e.all()).extracting(RouteFileException::jsonPath).containsExactly("routes[0].rules[0].resolution",
        "routes[0].retired.instead[0]", "routes[0].retired.instead[1]");
    // A field that cannot be read is told first (the rule's check spans fields and follows), and told once.
    assertThat(unreadableRetired.all()).as("told once, by the route's own reading").extracting(RouteFileException::jsonPath)
        .containsExactly("routes[0].retired.instead[0]");
  }

  @Test
  void anInsteadThatNamesNoRouteIsRefusedWhereItIsWritten() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"acme-video-2\", " + MODES + ", " + SECONDS
        + ", \"retired\": {\"on\": \"2026-09-24\", \"note\": \"gone\", \"instead\": [\"seedance-2\", \"nope-model\"]}}],"
        + " \"patch\": {\"seedance-2-fast\": {\"retired\": {\"on\": \"2027-06-01\", \"note\": \"ends\","
        + " \"instead\": [\"seedance-3\"]}}}}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath)
        .containsExactly("routes[0].retired.instead[1]", "patch.seedance-2-fast.retired.instead[0]");
    assertThat(e.all().get(0)).as("no id is near enough to be what was meant: none is offered")
        .hasMessageStartingWith("acme.json: routes[0].retired.instead[1]: instead names \"nope-model\", which is not"
            + " a route (built-in or of the route files given); vidgen models lists the known ids");
    assertThat(e.all().get(1).problem()).contains("\"seedance-3\"", "seedance-2");
  }

  @Test
  void anUnknownNameHearsOnlyOfIdsNearEnoughToBeWhatWasMeant() {
    RouteFileException e = failure("{\"patch\": {\"nope-model\": {\"display_name\": \"x\"}, \"seedanse-2\":"
        + " {\"display_name\": \"y\"}}, \"remove\": [\"also-nope\", \"klin-v3\", \"KLING-V3\", \"veo\", \"v\"]}");

    assertThat(e.all()).extracting(RouteFileException::problem).containsExactly(
        "patch of an unknown route \"nope-model\"; vidgen models lists the known ids",
        "patch of an unknown route \"seedanse-2\"; known ids near it: seedance-2, seedance-2-5",
        "remove of an unknown route \"also-nope\"; vidgen models lists the known ids",
        "remove of an unknown route \"klin-v3\"; known ids near it: kling-v3",
        "remove of \"KLING-V3\": the route is spelled \"kling-v3\"; use that id",
        "remove of an unknown route \"veo\"; known ids near it: veo3.1-fast, veo3.1-lite, veo3.1-quality",
        "remove of an unknown route \"v\"; vidgen models lists the known ids");
  }

  @Test
  void anInsteadSpelledOtherwiseThanItsRouteIsRefusedWithTheId() {
    RouteFileException e = failure("{\"patch\": {\"seedance-2-fast\": {\"retired\": {\"on\": \"2027-06-01\","
        + " \"note\": \"ends\", \"instead\": [\" SEEDANCE-2 \"]}}}}");

    assertThat(e.problem()).contains("the route is spelled \"seedance-2\"; use that id");
  }

  @Test
  void anInsteadThatNamesARouteTheSameFileRemovesIsRefused() {
    assertThat(failure("{\"patch\": {\"seedance-2-fast\": {\"retired\": {\"on\": \"2027-06-01\", \"note\": \"ends\","
        + " \"instead\": [\"kling-v3\"]}}}, \"remove\": [\"kling-v3\"]}").jsonPath())
        .isEqualTo("patch.seedance-2-fast.retired.instead[0]");
  }

  @Test
  void anInsteadThatNamesTheRouteItselfIsRefused() {
    RouteFileException e = failure("{\"patch\": {\"seedance-2-fast\": {\"retired\": {\"on\": \"2027-06-01\","
        + " \"note\": \"ends\", \"instead\": [\"seedance-2\", \"seedance-2-fast\"]}}}}");

    assertThat(e.jsonPath()).isEqualTo("patch.seedance-2-fast.retired.instead[1]");
    assertThat(e.problem()).isEqualTo("instead names \"seedance-2-fast\", the route being retired; name the routes"
        + " to choose in its place, or leave instead out");
  }

  @Test
  void anInsteadThatNamesARouteRetiredByTheSameDayIsRefusedOneRetiredLaterIsNot() {
    String retireBoth = "{\"routes\": [{\"id\": \"acme-video-2\", " + MODES + ", " + SECONDS
        + ", \"retired\": {\"on\": \"2027-03-01\", \"note\": \"gone\", \"instead\": [\"acme-video-3\"]}},"
        + " {\"id\": \"acme-video-3\", " + MODES + ", " + SECONDS
        + ", \"retired\": {\"on\": \"%s\", \"note\": \"gone too\"}}]}";

    RouteFileException e = failure(retireBoth.formatted("2027-03-01"));

    assertThat(e.jsonPath()).isEqualTo("routes[0].retired.instead[0]");
    assertThat(e.problem()).isEqualTo("instead names \"acme-video-3\", which is retired too (from 2027-03-01);"
        + " name a route that is still offered after 2027-03-01");
    assertThat(RouteFiles.layer(RouteCatalog.builtIn(), "acme.json", retireBoth.formatted("2027-09-01"))
        .require("acme-video-2").retired().orElseThrow().instead())
        .as("a route retired later is still a way on until then").containsExactly("acme-video-3");
  }

  @Test
  void aSyntaxErrorIsPlacedWhereReadingStoppedNeverPastTheEnd() {
    String missingComma = """
        {
          "routes": [{
            "id": "acme-video-2"
            "modes": {"text-to-video": {}},
            "seconds": {"one_of": [5], "default": 5}
          }]
        }
        """; // 7 lines and a final newline; the comma is missing at the end of line 3
    String trailingComma = """
        {
          "patch": {
            "seedance-2": {
              "max_prompt_chars": 100,
            }
          }
        }
        """;

    assertThat(failure(missingComma).problem()).endsWith("(before line 4, column 5, where reading stopped)");
    assertThat(failure(trailingComma).problem()).endsWith("(near line 5, column 5, where reading stopped)");
    assertThat(failure("{\"remove\": [\"kling-v3\"").problem())
        .isEqualTo("not valid JSON: the JSON text ends too early (near column 22, where reading stopped)");
    assertThat(failure("{\"remove\": [\"kling-v3\"]\n\n").problem()).endsWith("(near column 23, where reading stopped)");
  }

  @Test
  void aMissingCommaIsSaidAsOneNotAsAnUnterminatedObject() {
    String missingComma = """
        {"routes": [{"id": "acme-video-2", "family": "Acme"
          "modes": {"text-to-video": {}}, "seconds": {"one_of": [5], "default": 5}}]}
        """;

    assertThat(failure(missingComma).problem()).isEqualTo("not valid JSON: a comma or a closing } is missing after the"
        + " value at $.routes[0].family (before line 2, column 3, where reading stopped)");
    assertThat(failure("{\"remove\": [\"kling-v3\"\n \"wan2.6\"]}").problem())
        .as("in a list: the item before is named")
        .isEqualTo("not valid JSON: a comma or a closing ] is missing after the item at $.remove[0]"
            + " (before line 2, column 2, where reading stopped)");
  }

  @Test
  void aCommaBeforeAClosingBracketIsSaidAsNotAllowedNamingTheComma() {
    String trailingComma = """
        {"remove": [
          "kling-v3",
          "wan2.6",
        ]}
        """;

    assertThat(failure(trailingComma).problem()).isEqualTo("not valid JSON: a comma before ] is not allowed in JSON:"
        + " take out the comma at line 3, column 11 (near line 4, column 1, where reading stopped)");
    assertThat(failure("{\"patch\": {\"seedance-2\": {\"max_prompt_chars\": 100,}}}").problem())
        .isEqualTo("not valid JSON: a comma before } is not allowed in JSON: take out the comma at column 50"
            + " (near column 51, where reading stopped)");
  }

  @Test
  void singleQuotesAreSaidToBeNotJsonQuotes() {
    assertThat(failure("{'remove': ['kling-v3']}").problem()).isEqualTo("not valid JSON: JSON takes double quotes"
        + " only: write \"…\" in place of '…' (near column 3, where reading stopped)");
    assertThat(failure("{\"remove\": ['kling-v3']}").problem()).as("a value in single quotes")
        .startsWith("not valid JSON: JSON takes double quotes only: ");
  }

  @Test
  void aCommentIsSaidToBeNotJson() {
    assertThat(failure("{\"remove\": // gone for good\n [\"kling-v3\"]}").problem()).isEqualTo("not valid JSON:"
        + " JSON has no comments: take out the // comment (near line 1, column 12, where reading stopped)");
    assertThat(failure("/* ours */ {\"remove\": [\"kling-v3\"]}").problem())
        .isEqualTo("not valid JSON: JSON has no comments: take out the /* … */ comment (near column 1, where reading"
            + " stopped)");
  }

  @Test
  void aMistakeTheTextDoesNotTellKeepsTheParsersWords() {
    assertThat(failure("{\"remove\" [\"kling-v3\"]}").problem())
        .isEqualTo("not valid JSON: Expected ':' at path $.remove (near column 11, where reading stopped)");
    assertThat(failure("{\"remove\": [\"kling-v3\",, \"wan2.6\"]}").problem())
        .startsWith("not valid JSON: malformed JSON at path ");
  }

  @Test
  void textThatIsNotJson() {
    RouteFileException e = failure("{\"routes\": [");

    assertThat(e.getMessage()).startsWith("acme.json: not valid JSON: ");
    assertThat(e.jsonPath()).isEmpty();
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = folder.resolve("nope.json");

    assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(missing)))
        .isInstanceOf(RouteFileException.class)
        .hasMessage(missing + ": no such file");
    Path relative = Path.of("no-such-routes-" + System.nanoTime() + ".json");
    assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(relative)))
        .as("a relative name is looked for from the working folder, which the message names")
        .hasMessage(relative + ": no such file (looked for at " + relative.toAbsolutePath().normalize() + ")");
  }

  @Test
  void aFileLargerThanAnyCatalogIsRefusedBeforeItIsRead() throws Exception {
    Path huge = folder.resolve("huge.json");
    try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(huge,
        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
      out.write(java.nio.ByteBuffer.wrap(new byte[] {'{'}), RouteFiles.MAX_BYTES); // sparse: 8 MB and one byte
    }

    assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(huge)))
        .isInstanceOf(RouteFileException.class)
        .hasMessage(huge + ": is 8388609 bytes (8.0 MB), more than the 8388608 bytes (8.0 MB) a route file may be (vidgen's own catalog of every model"
            + " it documents is under 50 KB): check how the file was made, or keep only the routes your jobs use");
    assertThat(RouteFiles.load(RouteCatalog.builtIn(), List.of())).as("nothing else changed").isNotNull();
  }

  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void aStreamWithoutASizeIsReadNoFurtherThanAFileMayBe() {
    // As --routes /dev/zero, or a generator's endless output through <(…): no size to look at before reading.
    Path endless = Path.of("/dev/zero");

    assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(endless)))
        .isInstanceOf(RouteFileException.class)
        .hasMessage("/dev/zero: holds more than the 8388608 bytes (8.0 MB) a route file may be (read from a pipe or a"
            + " device, so its size was not known before; vidgen's own catalog of every model it documents is under"
            + " 50 KB): check how the file was made, or keep only the routes your jobs use");
  }

  @Test
  void routeFilesTogetherLargerThanOneMayBeAreRefusedBeforeTheLastIsRead() throws Exception {
    Path first = folder.resolve("first.json");
    java.nio.file.Files.writeString(first, "{\"$schema\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}");
    Path second = folder.resolve("second.json");
    try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(second,
        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
      out.write(java.nio.ByteBuffer.wrap(new byte[] {'{'}), 4L * 1024 * 1024); // sparse: 4 MB and one byte
    }

    assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(first, second)))
        .isInstanceOf(RouteFileException.class)
        .hasMessageStartingWith(second + ": would bring the route files of this run to ")
        .hasMessageContaining("more than the 8388608 bytes (8.0 MB) they may be together");
  }

  @Test
  void thousandsOfUnknownNamesAreEachToldButOnlyTheFirstLookForNearIds() {
    StringBuilder remove = new StringBuilder("{\"remove\": [");
    for (int i = 0; i < 2000; i++) {
      remove.append(i == 0 ? "" : ", ").append("\"kling-v").append(i % 10).append('-').append(i).append('"');
    }
    RouteFileException e = failure(remove.append("]}").toString());

    assertThat(e.all()).hasSize(2000);
    assertThat(e.all().get(0).problem()).startsWith("remove of an unknown route \"kling-v0-0\"; known ids near it: "
        + "kling-v");
    assertThat(e.all().get(1993).problem()).isEqualTo("remove of an unknown route \"kling-v3-1993\"; vidgen models"
        + " lists the known ids");
    assertThat(e.getMessage()).as("the message names some, the rest are counted")
        .contains("; and 1950 more not shown here)").hasSizeLessThan(20_000);
  }

  @Test
  void aBadFileLeavesTheCatalogAsItWas() {
    RouteCatalog before = RouteCatalog.builtIn();

    failure("{\"remove\": [\"kling-v3\", \"kling-v9\"]}");

    assertThat(before.find("kling-v3")).isPresent();
    assertThat(RouteCatalog.builtIn().size()).isEqualTo(37);
  }

  @Test
  void aBadInsteadIsListedWithTheOtherProblemsOfItsFile() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"a\", \"modes\": {\"t2v\": {}}, " + SECONDS + "},"
        + " {\"id\": \"acme-r\", " + MODES + ", " + SECONDS
        + ", \"retired\": {\"on\": \"2026-01-01\", \"note\": \"x\", \"instead\": [\"nope-model\", \"a\"]}}]}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath)
        .as("a route that failed is not also said to be unknown where instead names it")
        .containsExactly("routes[0].modes.t2v", "routes[1].retired.instead[0]");
  }

  @Test
  void aDuplicateIdIsReportedAlsoWhenTheFirstRouteWithItIsBad() {
    RouteFileException e = failure("{\"routes\": ["
        + "{\"id\": \"b\", " + MODES + ", " + SECONDS + "},"
        + "{\"id\": \"acme-bad\", " + MODES + ", \"seconds\": {\"min\": 10, \"max\": 5, \"default\": 7}},"
        + "{\"id\": \"acme-bad\", " + MODES + ", \"seconds\": {\"one_of\": [10], \"default\": 10}}]}");

    assertThat(e.all()).extracting(RouteFileException::getMessage).containsExactly(
        "acme.json: routes[1].seconds.max: max 5 is below min 10; max must be 10 or more",
        "acme.json: routes[2].id: duplicate id \"acme-bad\": routes[1] has it already;"
            + " each id appears once in routes (a later file may replace it)");
  }

  @Test
  void independentProblemsOfOneRouteAreAllListed() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"acme-video-2\", " + MODES
        + ", \"seconds\": {\"one_of\": [5, 10], \"default\": 7}, \"max_prompt_chars\": \"2000\","
        + " \"price\": {\"per_second_usd\": \"-0.05\"}}]}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath)
        .containsExactly("routes[0].seconds.default", "routes[0].max_prompt_chars", "routes[0].price.per_second_usd");
  }

  @Test
  void aMisspelledKeyIsNotAlsoReportedAsTheMissingFieldItMayBe() {
    assertThat(failure("{\"routes\": [{\"id\": \"a\", " + MODES + ", \"secs\": 5, \"family\": 3}]}").all())
        .extracting(RouteFileException::jsonPath).containsExactly("routes[0].secs", "routes[0].family");
  }

  @Test
  void everyBadInsteadOfARouteIsListed() {
    RouteFileException e = failure("{\"patch\": {\"seedance-2-fast\": {\"retired\": {\"on\": \"2027-06-01\","
        + " \"note\": \"ends\", \"instead\": [\"nope-model\", \"seedance-2-fast\"]}}}}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath).containsExactly(
        "patch.seedance-2-fast.retired.instead[0]", "patch.seedance-2-fast.retired.instead[1]");
  }

  @Test
  void anInsteadSuggestsNeitherTheRouteItselfNorRoutesRetiredByThen() {
    String plain = ", " + MODES + ", " + SECONDS;
    RouteFileException e = failure(RouteCatalog.of(List.of()), "{\"routes\": ["
        + "{\"id\": \"acme-r1\"" + plain + ", \"retired\": {\"on\": \"2026-06-01\", \"note\": \"x\","
        + " \"instead\": [\"acme-r2\"]}},"
        + "{\"id\": \"acme-r3\"" + plain + ", \"retired\": {\"on\": \"2026-01-01\", \"note\": \"x\"}},"
        + "{\"id\": \"acme-k\"" + plain + "}, {\"id\": \"acme-l\"" + plain + "}, {\"id\": \"acme-m\"" + plain + "}]}");

    assertThat(e.problem()).contains("known ids near it: acme-k, acme-l, acme-m (");
  }

  private static RouteFileException failure(RouteCatalog base, String json) {
    try {
      RouteFiles.layer(base, "acme.json", json);
    } catch (RouteFileException e) {
      return e;
    }
    throw new AssertionError("no error for " + json);
  }

  @Test
  void theProblemsOfEveryFileGivenAreListedAtOnce() throws java.io.IOException {
    Path a = folder.resolve("a.json");
    java.nio.file.Files.writeString(a, "{\"routes\": [{\"id\": \"acme-a\", \"modes\": {\"t2v\": {}}, " + SECONDS + "},"
        + " {\"id\": \"acme-b\", " + MODES + ", " + SECONDS
        + ", \"retired\": {\"on\": \"2027-01-01\", \"note\": \"x\", \"instead\": [\"acme-c\"]}}]}");
    Path b = folder.resolve("b.json");
    java.nio.file.Files.writeString(b, "{\"routes\": [{\"id\": \"acme-c\", " + MODES + ", " + SECONDS + "}],"
        + " \"patch\": {\"acme-a\": {\"max_prompt_chars\": 10}}, \"remove\": [\"ghost\"]}");

    RouteFileException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> RouteFiles.load(RouteCatalog.builtIn(), List.of(a, b)), RouteFileException.class);

    assertThat(e.all()).as("neither the patch of the bad route nor the instead a later file makes is a problem")
        .extracting(RouteFileException::file, RouteFileException::jsonPath).containsExactly(
            org.assertj.core.groups.Tuple.tuple(a.toString(), "routes[0].modes.t2v"),
            org.assertj.core.groups.Tuple.tuple(b.toString(), "remove[0]"));
    assertThat(e.getMessage()).contains("(and 1 more: " + b + ": remove[0]: remove of an unknown route");
  }

  @Test
  void aPatchThatNarrowsTheSecondsUnderThePriceItKeepsIsToldAtThePatchNotAtAPriceItNeverGave() {
    assertThat(failure("{\"patch\": {\"grok-video-1.5-preview\": {\"seconds\": {\"one_of\": [10], \"default\": 10}}}}"))
        .hasMessage("acme.json: patch[\"grok-video-1.5-preview\"]: the price it keeps (per_request_usd.15) has a price"
            + " for 15 s, which the route does not offer; its durations: 10 s; give the price too");
  }

  @Test
  void aResolutionPricedTwiceInAnotherCaseIsRefusedInAFileAndInCode() {
    assertThat(failure("{\"patch\": {\"wan2.6\": {\"price\": {\"by_resolution\": {\"1080p\": {\"per_second_usd\":"
        + " \"0.08\"}, \"1080P\": {\"per_second_usd\": \"0.05\"}}}}}}").problem())
        .isEqualTo("a second price for \"1080p\" (as \"1080P\"): resolutions compare in any case, so give each one price");
    assertThatThrownBy(() -> new PriceTable.ByResolution(java.util.Map.of("720p", PriceTable.perSecond("0.05"),
        "720P", PriceTable.perSecond("0.06")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two prices for the resolution").hasMessageContaining("resolutions compare in any case");
  }

  @Test
  void anAutomaticLengthIsReadAsZeroOrMinusOneAndAnyOtherValueIsRefusedSayingSo() {
    String route = "{\"routes\": [{\"id\": \"acme-auto\", \"modes\": {\"text-to-video\": {}},"
        + " \"seconds\": {\"min\": 4, \"max\": 15, \"default\": 5, \"automatic\": %s}}]}";

    RouteCatalog read = RouteFiles.layer(RouteCatalog.builtIn(), "acme.json", route.formatted("[-1, 0]"));

    assertThat(read.require("acme-auto").durations().automaticValues()).containsExactly(0, -1);
    assertThat(read.require("acme-auto").durations().accepts(-1)).as("an automatic length is no length").isFalse();
    assertThat(failure(route.formatted("[5]"))).hasMessageContaining("seconds.automatic[0]")
        .hasMessageContaining("an automatic length is 0 or -1, not 5");
    assertThat(failure(route.formatted("[]"))).hasMessageContaining("automatic is empty; list 0, -1 or both");
    assertThat(failure(route.formatted("[-1, -1]"))).hasMessageContaining("-1 is listed twice in automatic");
  }

}
