package dev.vidgen.core.catalog;

import static dev.vidgen.core.catalog.RouteFileErrorsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

/**
 * Every unknown key of a route file's fixed-key objects (a price, retired, a mode's settings, a count, a rule) is told
 * in one reading, with its path and the allowed keys, beside the file's other problems; the known keys are still read.
 */
class RouteFileUnknownKeysTest {
  private static final String SECONDS = "\"seconds\": {\"one_of\": [5, 10], \"default\": 5}";

  @Test
  void everyUnknownKeyOfAFileIsToldAtOnceBesideItsOtherProblems() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"acme-video-2\","
        + " \"modes\": {\"text-to-video\": {\"vidoes\": {\"min\": 1, \"max\": 1}},"
        + " \"image-to-video\": {\"images\": {\"min\": 1, \"max\": 2, \"most\": 3}}},"
        + " \"seconds\": {\"one_of\": [5, 10], \"default\": 7},"
        + " \"price\": {\"per_second_usd\": \"0.05\", \"currency\": \"usd\", \"vat\": \"0.2\"},"
        + " \"rules\": [{\"kind\": \"param_needs_inputs\", \"param\": \"audio\", \"reason\": \"r\", \"note\": \"x\"}],"
        + " \"retired\": {\"on\": \"2027-01-31\", \"note\": \"old\", \"insted\": [\"seedance-2\"]}}],"
        + " \"patch\": {\"seedance-2\": {\"price\": {\"per_second_usd\": \"0.1\", \"usd\": \"0.1\"}}}}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        tuple("routes[0].modes.text-to-video.vidoes",
            "unknown key \"vidoes\" in a mode's settings; allowed: images, videos"),
        tuple("routes[0].modes.image-to-video.images.most",
            "unknown key \"most\" in a count of images; allowed: min, max"),
        tuple("routes[0].seconds.default", "default 7 is not in one_of; allowed: 5, 10"),
        tuple("routes[0].price.currency",
            "unknown key \"currency\" in a price; allowed: per_second_usd, per_request_usd, by_resolution, unknown"),
        tuple("routes[0].price.vat",
            "unknown key \"vat\" in a price; allowed: per_second_usd, per_request_usd, by_resolution, unknown"),
        tuple("routes[0].rules[0].note",
            "unknown key \"note\" in a rule of kind param_needs_inputs; allowed: kind, param, reason"),
        tuple("routes[0].retired.insted", "unknown key \"insted\" in retired; allowed: on, note, instead"),
        tuple("patch.seedance-2.price.usd",
            "unknown key \"usd\" in a price; allowed: per_second_usd, per_request_usd, by_resolution, unknown"));
    assertThat(e.getMessage()).startsWith("acme.json: routes[0].modes.text-to-video.vidoes: unknown key \"vidoes\"")
        .contains("(and 7 more: ");
  }

  @Test
  void theKnownKeysBesideAnUnknownKeyAreStillReadAndTheirProblemsTold() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"acme-video-2\","
        + " \"modes\": {\"image-to-video\": {\"images\": {\"min\": 3, \"max\": 2, \"mx\": 4}}}, " + SECONDS + ","
        + " \"price\": {\"per_request_usd\": {\"5\": \"0.1\", \"7\": \"0.2\"}, \"per_reqest_usd\": {}},"
        + " \"rules\": [{\"kind\": \"param_one_of\", \"param\": \"format\", \"one_of\": [], \"reason\": \"r\","
        + " \"values\": [\"mp4\"]}],"
        + " \"retired\": {\"on\": \"31.01.2027\", \"note\": \"old\", \"by\": \"me\"}}]}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        tuple("routes[0].modes.image-to-video.images.mx",
            "unknown key \"mx\" in a count of images; allowed: min, max"),
        tuple("routes[0].modes.image-to-video.images.max", "max 2 is below min 3; max must be 3 or more"),
        tuple("routes[0].price.per_reqest_usd",
            "unknown key \"per_reqest_usd\" in a price; allowed: per_second_usd, per_request_usd, by_resolution,"
                + " unknown"),
        tuple("routes[0].rules[0].values",
            "unknown key \"values\" in a rule of kind param_one_of; allowed: kind, param, one_of, reason"),
        tuple("routes[0].rules[0].one_of", "no value is allowed, so format could never be given; name at least one,"
            + " or leave the parameter out of params"),
        tuple("routes[0].retired.by", "unknown key \"by\" in retired; allowed: on, note, instead"),
        tuple("routes[0].retired.on",
            "expected a date as YYYY-MM-DD, such as \"2026-09-24\", got the string \"31.01.2027\""),
        tuple("routes[0].price.per_request_usd.7",
            "a price for 7 s, which the route does not offer; its durations: 5 or 10 s"));
  }

  @Test
  void aMisspeltRequiredKeyIsToldAsUnknownNotAlsoAsMissing() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"acme-video-2\","
        + " \"modes\": {\"image-to-video\": {\"images\": {\"min\": 1, \"maks\": 2}}}, " + SECONDS + ","
        + " \"price\": {\"per_secnd_usd\": \"0.05\"},"
        + " \"rules\": [{\"kind\": \"param_needs_inputs\", \"parm\": \"audio\", \"reason\": \"r\"},"
        + " {\"kind\": \"prompt_required_in\", \"mode\": [\"image-to-video\"], \"reasn\": \"r\"},"
        + " {\"kind\": \"image_pixels\", \"min_short\": 300, \"reason\": \"r\"}],"
        + " \"retired\": {\"date\": \"2027-01-31\", \"nte\": \"old\"}}]}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath).containsExactly(
        "routes[0].modes.image-to-video.images.maks", "routes[0].price.per_secnd_usd", "routes[0].rules[0].parm",
        "routes[0].rules[1].mode", "routes[0].rules[1].reasn", "routes[0].rules[2].min_short",
        "routes[0].retired.date", "routes[0].retired.nte");
    assertThat(e.all()).extracting(RouteFileException::problem).allMatch(problem -> problem.startsWith("unknown key"));
  }

  @Test
  void aPriceWithAnUnknownKeyAndTwoKnownOnesIsToldBoth() {
    RouteFileException e = failure("{\"patch\": {\"seedance-2\": {\"price\": {\"per_second_usd\": \"0.1\","
        + " \"unknown\": \"why\", \"per_secnd_usd\": \"0.1\"}}}}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        tuple("patch.seedance-2.price.per_secnd_usd",
            "unknown key \"per_secnd_usd\" in a price; allowed: per_second_usd, per_request_usd, by_resolution,"
                + " unknown"),
        tuple("patch.seedance-2.price", "give exactly one of per_second_usd, per_request_usd, by_resolution, unknown;"
            + " got per_second_usd and unknown"));
  }

  @Test
  void anUnknownKeyInAResolutionsPriceLeavesItsKnownPriceJudgedAgainstTheDurations() {
    RouteFileException e = failure("{\"routes\": [{\"id\": \"acme-video-2\", \"modes\": {\"text-to-video\": {}}, "
        + SECONDS + ", \"resolutions\": {\"one_of\": [\"720p\", \"1080p\"]}, \"price\": {\"by_resolution\": {"
        + "\"720p\": {\"per_request_usd\": {\"5\": \"0.1\", \"7\": \"0.2\"}, \"per_second\": \"0.1\"},"
        + " \"1080p\": {\"per_sec_usd\": \"0.2\"}, \"4k\": {\"per_second_usd\": \"1\"}}}}]}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        tuple("routes[0].price.by_resolution.720p.per_second",
            "unknown key \"per_second\" in a price; allowed: per_second_usd, per_request_usd, unknown"),
        tuple("routes[0].price.by_resolution.1080p.per_sec_usd",
            "unknown key \"per_sec_usd\" in a price; allowed: per_second_usd, per_request_usd, unknown"),
        tuple("routes[0].price.by_resolution.720p.per_request_usd.7",
            "a price for 7 s, which the route does not offer; its durations: 5 or 10 s"),
        tuple("routes[0].price.by_resolution.4k",
            "a price for 4k, which the route does not offer; its resolutions: 720p, 1080p"));
  }
}
