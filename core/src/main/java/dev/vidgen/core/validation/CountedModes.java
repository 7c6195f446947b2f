package dev.vidgen.core.validation;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.VIDEO_EDIT;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.text.Plural;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The warning for a job whose mode was inferred from how many images or videos it has, on a route that could read such
 * inputs in another mode too, where another route of the same family reads the same inputs as that other mode (two
 * images: first and last frame on veo3.1-fast, references on Veo3.1-fast-official). Read from the catalog's modes and
 * families alone, so a route file's route gets it as a built-in one does.
 */
final class CountedModes {
  /** A route note's "… in params NAME" (the parameter that carries what the mode's images cannot, a last frame). */
  private static final Pattern PARAM_IN_NOTE = Pattern.compile("\\bparams? ([A-Za-z0-9_.\\-]+[A-Za-z0-9_])");

  private CountedModes() {}

  /** Adds the warning to {@code found} when {@code job}'s inferred {@code mode} on {@code route} is read otherwise elsewhere. */
  static void check(RouteCatalog catalog, ModelRoute route, VideoJob job, GenerationMode mode, LocalDate today,
      List<Violation> found) {
    int images = job.images().size();
    int videos = job.videos().size();
    if (job.mode() != null || mode == null || images + videos == 0 || !takes(route, mode, images, videos)
        || !couldReadOtherwise(route, mode, images, videos) || "other".equals(route.family())) {
      return;
    }
    Map<GenerationMode, List<String>> elsewhere = new TreeMap<>();
    for (ModelRoute other : catalog.routes()) {
      if (other.id().equals(route.id()) || !other.family().equals(route.family())
          || other.retiredOn(today).isPresent()) {
        continue;
      }
      GenerationMode theirs = Modes.resolve(job, other);
      if (theirs != mode && takes(other, theirs, images, videos)) {
        elsewhere.computeIfAbsent(theirs, key -> new ArrayList<>()).add(other.id());
      }
    }
    if (elsewhere.isEmpty()) {
      return;
    }
    GenerationMode wanted = elsewhere.keySet().iterator().next();
    List<String> readers = elsewhere.get(wanted).stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    String inputs = inputs(images, videos);
    found.add(Violation.warning("mode", ViolationCodes.MODE_CHOSEN_BY_COUNT, mode.id(), wanted.id(),
        "mode: " + inputs + " on " + route.id() + " " + Plural.word(images + videos, "is", "are") + " sent as "
            + mode.id() + " (" + reading(mode, images, videos) + "), not as " + wanted.id() + " ("
            + reading(wanted, images, videos) + ") as " + andList(readers) + " read " + Plural.word(images
            + videos, "it", "them") + "; to send " + wanted.id() + " " + askFor(route, wanted, images, videos, readers)
            + "; to keep " + mode.id() + " without this warning, name the mode (--mode " + mode.id()
            + "; mode in Java, a jobs file or the playground)"));
  }

  /** Whether {@code route} offers {@code mode} and takes this many images and videos in it. */
  private static boolean takes(ModelRoute route, GenerationMode mode, int images, int videos) {
    return route.offers(mode) && route.imagesFor(mode).contains(images) && route.videosFor(mode).contains(videos);
  }

  /**
   * Whether {@code route} has a mode besides {@code mode} that takes inputs of this kind (images, or videos), so that
   * the inputs' count, not the route alone, chose the mode.
   */
  private static boolean couldReadOtherwise(ModelRoute route, GenerationMode mode, int images, int videos) {
    return Arrays.stream(GenerationMode.values()).filter(other -> other != mode && route.offers(other))
        .anyMatch(other -> videos > 0 ? route.videosFor(other).max() > 0 : route.imagesFor(other).max() > 0);
  }

  /** How to have {@code wanted} on {@code route}: name it, give another count, or choose a route that offers it. */
  private static String askFor(ModelRoute route, GenerationMode wanted, int images, int videos, List<String> readers) {
    if (!route.offers(wanted)) {
      return "choose " + Texts.orList(readers) + " (" + route.id() + " offers no " + wanted.id() + ")";
    }
    if (takes(route, wanted, images, videos)) {
      return "here, name it (--mode " + wanted.id() + ")";
    }
    String counts = videos > 0 ? Plural.count(route.videosFor(wanted).min(), "video") + " (" + route.id() + " takes "
        + route.videosFor(wanted).describe() + " in " + wanted.id() + ")"
        : Plural.count(route.imagesFor(wanted).min(), "image") + (route.imagesFor(wanted).min() == route.imagesFor(wanted)
        .max() ? "" : " to " + route.imagesFor(wanted).max());
    String here = "here, give " + counts;
    return wanted == IMAGE_TO_VIDEO && images > route.imagesFor(wanted).max()
        ? here + lastFrame(route).map(words -> " (the first frame), and " + words).orElse("") : here;
  }

  /** Where the route's note says a last frame goes, as "the last frame in params NAME (--param NAME=URL)". */
  private static Optional<String> lastFrame(ModelRoute route) {
    if (route.note() == null) {
      return Optional.empty();
    }
    return Arrays.stream(route.note().split("(?<=[.;])\\s+"))
        .filter(sentence -> sentence.toLowerCase(Locale.ROOT).contains("last frame"))
        .map(PARAM_IN_NOTE::matcher).filter(Matcher::find).findFirst()
        .map(param -> "the last frame in params " + param.group(1) + " (--param " + param.group(1) + "=URL)");
  }

  /** What the inputs are in {@code mode}: "the first and last frame", "references", "the video to edit". */
  private static String reading(GenerationMode mode, int images, int videos) {
    if (mode == IMAGE_TO_VIDEO) {
      return images == 1 ? "the first frame" : images == 2 ? "the first and last frame" : "frames";
    }
    if (mode == REFERENCE_TO_VIDEO) {
      return images + videos == 1 ? "a reference" : "references";
    }
    return mode == VIDEO_EDIT ? (videos == 1 ? "the video to edit" : "the videos to edit") : mode.id();
  }

  /** "a", "a and b", "a, b and c". */
  private static String andList(List<String> values) {
    int last = values.size() - 1;
    return last < 1 ? String.join("", values) : String.join(", ", values.subList(0, last)) + " and " + values.get(last);
  }

  private static String inputs(int images, int videos) {
    if (videos == 0) {
      return Plural.count(images, "image");
    }
    return images == 0 ? Plural.count(videos, "video")
        : Plural.count(images, "image") + " and " + Plural.count(videos, "video");
  }
}
