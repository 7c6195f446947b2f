package dev.vidgen.core.validation;

import static dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.IntRange;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteRule;
import dev.vidgen.core.domain.VideoJob;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every check of one job against its route, each adding to one list so that a report holds all
 * problems at once. Values that are themselves wrong are left out of the cross-field checks, so
 * one mistake is reported once.
 */
final class RouteChecks {
  private final ModelRoute route;
  private final VideoJob job;
  private final GenerationMode mode;
  private final boolean inferred;
  private final List<Violation> found;
  private boolean modeOffered;
  private Integer seconds;
  private String aspectRatio;
  private String resolution;

  RouteChecks(ModelRoute route, VideoJob job, GenerationMode mode, List<Violation> found) {
    this.route = route;
    this.job = job;
    this.mode = mode;
    this.inferred = job.mode() == null;
    this.found = found;
  }

  void run() {
    checkMode();
    checkPrompt();
    if (modeOffered) {
      checkImageCount();
      checkVideoCount();
    }
    checkInputs(job.images(), job.videos(), urlSchemes(), found);
    checkRoleUrls();
    checkSeconds();
    checkAspectRatio();
    checkResolution();
    checkRules();
    checkParams();
    if (job.prompt() != null && seconds != null) {
      PromptSegments.check(job.prompt(), seconds, found);
    }
  }

  /** The schemes image and video URLs may have when the route says nothing. */
  private static final Set<String> WEB_SCHEMES = Set.of("http", "https");

  /** The URL schemes the route takes: its {@code url_schemes} rule's, or http and https. */
  private Set<String> urlSchemes() {
    for (RouteRule rule : route.rules()) {
      if (rule instanceof RouteRule.UrlSchemes schemes) {
        return schemes.schemes();
      }
    }
    return WEB_SCHEMES;
  }

  /** URL schemes (http and https) and local files of images and videos; used when the model is unknown. */
  static void checkInputs(List<ImageInput> images, List<URI> videos, List<Violation> found) {
    checkInputs(images, videos, WEB_SCHEMES, found);
  }

  private static void checkInputs(List<ImageInput> images, List<URI> videos, Set<String> schemes,
      List<Violation> found) {
    for (int i = 0; i < images.size(); i++) {
      String field = "images[" + i + "]";
      ImageInput image = images.get(i);
      if (image instanceof ImageInput.Local local) {
        LocalImages.check(field, local.path(), found);
      } else if (image instanceof ImageInput.Remote remote) {
        checkUrl(field, remote.url(), schemes, ViolationCodes.IMAGE_SCHEME, "image", found);
        warnOfUnreachableHost(field, remote.url(), ViolationCodes.IMAGE_URL_NOT_PUBLIC, found);
      }
    }
    for (int i = 0; i < videos.size(); i++) {
      if (VideoJob.isLocalVideo(videos.get(i))) { // local videos: LocalVideos
        LocalVideos.check("videos[" + i + "]", videos.get(i), found);
        continue;
      }
      checkUrl("videos[" + i + "]", videos.get(i), schemes, ViolationCodes.VIDEO_SCHEME, "video", found);
      warnOfUnreachableHost("videos[" + i + "]", videos.get(i), ViolationCodes.VIDEO_URL_NOT_PUBLIC, found);
    }
  }

  /**
   * A warning, not an error, for an http(s) URL whose host names this machine or a private network (by name: no
   * lookup): the provider fetches it from its own servers and cannot reach it, though a gateway on this machine may.
   */
  private static void warnOfUnreachableHost(String field, URI url, String code, List<Violation> found) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!WEB_SCHEMES.contains(scheme) || !PrivateHosts.namesThisMachineOrAPrivateNetwork(url.getHost())) {
      return;
    }
    String shown = Texts.shown(url);
    found.add(Violation.warning(field, code, shown, "a public http(s) URL the provider can fetch",
        field + ": " + shown + " names this machine (or a private network), which the provider cannot reach; it is"
            + " sent anyway, but the task may fail after it is paid: give the file's path and vidgen uploads it"));
  }

  /** The parameters that carry role URLs, such as Seedance's {@code audio_with_roles}, by the kind of file. */
  private static final Map<String, String> ROLE_PARAMS = Map.of(
      "image_with_roles", "image", "video_with_roles", "video", "audio_with_roles", "audio");

  /**
   * Where the route names its URL schemes (a {@code url_schemes} rule), each {@code url} of a role parameter such
   * as {@code audio_with_roles} must have one of them too, as the job's images and videos must.
   */
  private void checkRoleUrls() {
    if (route.rules().stream().noneMatch(RouteRule.UrlSchemes.class::isInstance)) {
      return;
    }
    ROLE_PARAMS.forEach((param, what) -> {
      if (!(job.params().get(param) instanceof List<?> items)) {
        return;
      }
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) instanceof Map<?, ?> item && item.get("url") instanceof String text) {
          String field = "params." + param + "[" + i + "].url";
          URI url;
          try {
            url = new URI(text.strip());
          } catch (URISyntaxException e) {
            String allowed = "a URL of scheme " + String.join(", ", urlSchemes());
            found.add(Violation.error(field, ViolationCodes.PARAM_URL_SCHEME, Texts.shown(text), allowed,
                field + ": " + Texts.shown(text) + " is not a URL; give " + allowed));
            continue;
          }
          checkUrl(field, url, urlSchemes(), ViolationCodes.PARAM_URL_SCHEME, what, found);
        }
      }
    });
  }

  private static void checkUrl(String field, URI url, Set<String> schemes, String schemeCode, String what,
      List<Violation> found) {
    String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
    String shown = Texts.shown(url);
    if (scheme == null || !schemes.contains(scheme)) {
      String allowed = schemes.equals(WEB_SCHEMES) ? "an http or https URL" : "a URL of scheme " + String.join(", ", schemes);
      String hint = field.startsWith("images[")
          ? "give " + (schemes.equals(WEB_SCHEMES) ? "an http(s) URL" : allowed) + ", or the image as a file, which vidgen uploads"
          : "give " + (schemes.equals(WEB_SCHEMES) ? "an http(s) URL the provider can fetch" : allowed);
      found.add(Violation.error(field, schemeCode, shown, allowed,
          field + ": " + shown + " is not " + allowed + "; " + hint));
    } else if (scheme.equals("asset") && (url.getRawSchemeSpecificPart() == null
        || !url.getRawSchemeSpecificPart().startsWith("//")
        || url.getRawSchemeSpecificPart().replaceFirst("^/+", "").isBlank())) { // the form is asset://ID
      found.add(Violation.error(field, schemeCode, shown, "asset://ID of a stored asset",
          field + ": " + shown + " names no asset; give asset://ID, the ID of an asset stored with the provider"));
    } else if (scheme.equals("data") && !url.getSchemeSpecificPart().toLowerCase(Locale.ROOT)
        .startsWith(what + "/")) {
      String anWhat = ("image".equals(what) ? "an " : "audio".equals(what) ? "" : "a ") + what;
      found.add(Violation.error(field, schemeCode, shown, "a data: URL of " + anWhat,
          field + ": " + shown + " is not a data: URL of " + anWhat + "; give data:" + what + "/…;base64,…"));
    } else if (WEB_SCHEMES.contains(scheme) && url.getHost() == null && "image".equals(what)) {
      found.add(Violation.error(field, ViolationCodes.IMAGE_INVALID_URL, shown, "an http or https URL with a host",
          field + ": " + shown + " has no host; give a full URL such as https://example.com/" + what + ".png"));
    }
  }

  private void checkMode() {
    modeOffered = route.offers(mode);
    if (modeOffered) {
      return;
    }
    List<String> offered = new ArrayList<>();
    for (GenerationMode each : route.modes()) {
      offered.add(each.id());
    }
    // Said as the rule the user met, not as the validator works it out: "a job with no images or videos is text-to-video".
    String why = inferred ? " (a job with " + inputsText() + " is " + mode.id() + ")" : "";
    String message;
    if (mode == TEXT_TO_VIDEO && everyModeNeedsImages()) {
      GenerationMode first = route.modes().iterator().next();
      message = "mode: " + route.id() + " is image-only and does not offer text-to-video" + why
          + "; give " + route.imagesFor(first).describe() + " image" + plural(route.imagesFor(first).max())
          + " for " + first.id();
    } else if (!job.videos().isEmpty() && route.modes().stream().allMatch(each -> route.videosFor(each).max() == 0)) {
      // The video is what led here: say that the model takes none, not only which modes it offers.
      // Without images on a model every mode of which needs some, dropping the video is not enough: say what else.
      GenerationMode first = route.modes().iterator().next();
      String instead = job.images().isEmpty() && everyModeNeedsImages()
          ? " and give " + route.imagesFor(first).describe() + " image" + plural(route.imagesFor(first).max()) + " for "
              + first.id()
          : " for " + Texts.orList(offered);
      message = "mode: " + route.id() + " takes no videos and does not offer " + mode.id() + why + "; drop the video"
          + plural(job.videos().size()) + instead + ", or choose a model that takes videos (vidgen models lists them)";
    } else {
      message = "mode: " + route.id() + " does not offer " + mode.id() + why + "; choose " + Texts.orList(offered);
    }
    found.add(Violation.error("mode", ViolationCodes.MODE_NOT_OFFERED, mode.id(), Texts.orList(offered), message));
  }

  private boolean everyModeNeedsImages() {
    for (GenerationMode each : route.modes()) {
      if (route.imagesFor(each).min() == 0) {
        return false;
      }
    }
    return true;
  }

  private String inputsText() {
    if (!job.videos().isEmpty()) {
      return job.videos().size() + " video" + plural(job.videos().size());
    }
    if (!job.images().isEmpty()) {
      return job.images().size() + " image" + plural(job.images().size());
    }
    return "no images or videos";
  }

  private void checkPrompt() {
    String prompt = job.prompt();
    Integer limit = route.maxPromptChars();
    String limitText = limit == null ? "" : " of at most " + limit + " characters";
    if (prompt == null || prompt.isBlank()) {
      if (promptRequired()) {
        String given = prompt == null ? null : "\"" + prompt + "\"";
        found.add(Violation.error("prompt", ViolationCodes.PROMPT_MISSING, given, "a non-blank prompt" + limitText,
            // The mode only when the route offers it: an image-only model has no text-to-video to need one for.
            "prompt: " + route.id() + " needs a prompt" + (modeOffered ? " for " + mode.id() : "")
                + "; describe the video in a non-blank prompt"
                + limitText));
      }
      return;
    }
    warnOfHiddenCharacters(prompt);
    Optional<String> assumed = route.assumption("max_prompt_chars");
    boolean documented = limit != null && assumed.isEmpty();
    if (!documented) {
      Optional<Violation> overCeiling = overCeiling(prompt, route.id() + " documents none"
          + (limit == null ? "" : ", vidgen assumes " + limit), "give the route a documented max_prompt_chars in a"
          + " routes file (see docs/routes.md)");
      if (overCeiling.isPresent()) {
        found.add(overCeiling.get());
        return;
      }
    }
    if (limit != null && prompt.length() > limit) {
      int length = prompt.codePointCount(0, prompt.length());
      if (length > limit && assumed.isPresent()) {
        // A limit the provider does not document is vidgen's guess: said, not enforced.
        found.add(Violation.warning("prompt", ViolationCodes.PROMPT_TOO_LONG, length + " characters",
            "at most " + limit + " characters (assumed)",
            "prompt: " + length + " characters is over the " + limit + "-character limit vidgen assumes for "
                + route.id() + "; it is sent, but the provider may refuse it (shorten it by " + (length - limit)
                + " to stay within it)" + assumedWords(assumed)));
      } else if (length > limit) {
        found.add(Violation.error("prompt", ViolationCodes.PROMPT_TOO_LONG, length + " characters",
            "at most " + limit + " characters",
            "prompt: " + length + " characters is over the " + limit + "-character limit of " + route.id()
                + "; shorten it by " + (length - limit)));
      }
    }
  }

  /**
   * The longest prompt, in code points, taken for a route that documents no prompt limit (none, or only an assumed
   * one): about three times the largest limit a model vidgen ships documents (MiniMax-H3's 7000), so no real prompt
   * meets it, while a wrong file or a paste gone wrong is refused before it is paid for and repeated in every line
   * of the task history. A route's documented {@code max_prompt_chars} rules instead, also above this.
   */
  static final int UNDOCUMENTED_PROMPT_CEILING = 20_000;

  /**
   * The error for a {@code prompt} over {@link #UNDOCUMENTED_PROMPT_CEILING} where no limit is documented
   * ({@code whose}: whose limit is missing; {@code otherwise}: another way out than shortening it, or null); empty
   * for a shorter one.
   */
  static Optional<Violation> overCeiling(String prompt, String whose, String otherwise) {
    if (prompt == null || prompt.length() <= UNDOCUMENTED_PROMPT_CEILING) {
      return Optional.empty(); // code points are never more than chars
    }
    int length = prompt.codePointCount(0, prompt.length());
    if (length <= UNDOCUMENTED_PROMPT_CEILING) {
      return Optional.empty();
    }
    return Optional.of(Violation.error("prompt", ViolationCodes.PROMPT_TOO_LONG, length + " characters",
        "at most " + UNDOCUMENTED_PROMPT_CEILING + " characters (no documented limit)",
        "prompt: " + length + " characters is over the " + UNDOCUMENTED_PROMPT_CEILING + " characters vidgen accepts"
            + " for a model that documents no prompt limit (" + whose + "; no model vidgen ships documents more"
            + " than 7000); shorten it" + (otherwise == null ? "" : ", or " + otherwise)));
  }

  /** A warning for a prompt holding control characters or text-direction overrides: sent as it is, but said. */
  private void warnOfHiddenCharacters(String prompt) {
    int[] hidden = prompt.codePoints().filter(RouteChecks::hiddenInPrompt).toArray();
    if (hidden.length == 0) {
      return;
    }
    String first = String.format("U+%04X", hidden[0]);
    found.add(Violation.warning("prompt", ViolationCodes.PROMPT_CONTROL_CHARACTERS, first,
        "printable text, line breaks and tabs",
        "prompt: holds " + (hidden.length == 1 ? "a control character" : hidden.length + " control characters")
            + " (the first " + first + "), such as a pasted escape code or a text-direction override: a model reads"
            + " it as noise, and it can make the prompt read otherwise than it shows; it is sent as it is, so remove it"
            + " unless it is meant"));
  }

  /** C0 and C1 control characters but line breaks and tabs, and the bidirectional embeddings, overrides and isolates. */
  private static boolean hiddenInPrompt(int codePoint) {
    return Character.isISOControl(codePoint) && codePoint != '\n' && codePoint != '\r' && codePoint != '\t'
        || codePoint >= 0x202A && codePoint <= 0x202E
        || codePoint >= 0x2066 && codePoint <= 0x2069;
  }

  private boolean promptRequired() {
    if (route.promptRequired() || mode == TEXT_TO_VIDEO) {
      return true;
    }
    if (!modeOffered) {
      return false;
    }
    for (RouteRule rule : route.rules()) {
      if (rule instanceof RouteRule.PromptRequiredIn required && required.modes().contains(mode)) {
        return true;
      }
    }
    return false;
  }

  private void checkImageCount() {
    IntRange allowed = route.imagesFor(mode);
    int count = job.images().size();
    if (mode == REFERENCE_TO_VIDEO && count == 0 && job.videos().isEmpty()
        && allowed.min() == 0 && route.videosFor(mode).min() == 0) {
      found.add(Violation.error("images", ViolationCodes.IMAGES_TOO_FEW, "0",
          "at least 1 reference image or video",
          "images: reference-to-video on " + route.id() + " needs at least one reference image or video; add one"));
      return;
    }
    checkCount("images", "image", count, allowed, ViolationCodes.IMAGES_TOO_FEW, ViolationCodes.IMAGES_TOO_MANY,
        ViolationCodes.IMAGES_NOT_ACCEPTED);
  }

  private void checkVideoCount() {
    checkCount("videos", "video", job.videos().size(), route.videosFor(mode), ViolationCodes.VIDEOS_TOO_FEW,
        ViolationCodes.VIDEOS_TOO_MANY, ViolationCodes.VIDEOS_NOT_ACCEPTED);
  }

  private void checkCount(String field, String noun, int count, IntRange allowed, String tooFew, String tooMany,
      String notAccepted) {
    if (allowed.contains(count)) {
      return;
    }
    String head = field + ": " + count + " given, but " + mode.id() + " on " + route.id();
    if (allowed.max() == 0) {
      List<String> takers = new ArrayList<>();
      for (GenerationMode each : route.modes()) {
        IntRange range = "image".equals(noun) ? route.imagesFor(each) : route.videosFor(each);
        if (range.max() > 0) {
          takers.add(each.id());
        }
      }
      String choice = takers.isEmpty() ? "" : ", or choose " + Texts.orList(takers);
      found.add(Violation.error(field, notAccepted, Integer.toString(count), "none",
          head + " takes no " + noun + "s; remove them" + choice));
      return;
    }
    String code = count < allowed.min() ? tooFew : tooMany;
    Optional<String> assumed = route.assumption(mode, field);
    if (count > allowed.max() && assumed.isPresent()) {
      // A limit the provider does not document is vidgen's guess: said, not enforced.
      found.add(Violation.warning(field, code, Integer.toString(count), allowed.describe() + " (assumed)",
          head + " is assumed to take " + allowed.describe() + " " + noun + plural(allowed.max())
              + "; they are sent, but the provider may refuse them" + assumedWords(assumed)));
      return;
    }
    found.add(Violation.error(field, code, Integer.toString(count), allowed.describe(),
        head + " takes " + allowed.describe() + " " + noun + plural(allowed.max()) + otherModes(noun)));
  }

  /**
   * When a limit is vidgen's assumption rather than the provider's ({@code assumption}, why it is), the words
   * that say so, why, and how to change it; empty otherwise.
   */
  private static String assumedWords(Optional<String> assumption) {
    return assumption.map(why -> " (that limit is an assumption, not documented by the provider: "
        + why + "; if the provider takes more, a routes file can raise it, see docs/routes.md)").orElse("");
  }

  /**
   * When the mode was inferred from the inputs, what the route's other modes take of {@code noun}
   * ("; reference-to-video takes exactly 3"), so a count that fits none of them says what would.
   */
  private String otherModes(String noun) {
    if (job.requestedMode().isPresent()) {
      return "";
    }
    List<String> others = new ArrayList<>();
    for (GenerationMode each : route.modes()) {
      IntRange range = "image".equals(noun) ? route.imagesFor(each) : route.videosFor(each);
      if (each != mode && range.max() > 0) {
        others.add(each.id() + " takes " + range.describe());
      }
    }
    return others.isEmpty() ? "" : "; " + String.join(", ", others);
  }

  private void checkSeconds() {
    Integer given = job.seconds();
    if (given == null) {
      seconds = route.durations().defaultSeconds();
      return;
    }
    if (route.durations().accepts(given)) {
      seconds = given;
      return;
    }
    if (route.durations().acceptsAutomatic(given)) {
      return; // the provider chooses the length: no rule about seconds can be judged
    }
    String automatic = route.durations().describeAutomatic();
    String allowed = route.durations().describe() + (automatic.isEmpty() ? "" : ", or " + automatic
        + " for an automatic length");
    found.add(Violation.error("seconds", ViolationCodes.SECONDS_NOT_OFFERED, given.toString(), allowed,
        "seconds: " + given + " is not offered by " + route.id() + "; choose " + allowed
            // Only 0 and -1 ever mean an automatic length; -2 is simply not a length.
            + ((given == 0 || given == -1) && automatic.isEmpty() ? " (" + route.id() + " takes no automatic length: give the length"
                + " in seconds)" : "")));
  }

  private void checkAspectRatio() {
    String given = job.aspectRatio();
    if (given == null) {
      aspectRatio = modeOffered ? route.defaultAspectRatioFor(mode) : route.defaultAspectRatio();
      return;
    }
    String shown = Texts.shown(given);
    if (route.aspectRatios().isEmpty()) {
      found.add(Violation.error("aspect_ratio", ViolationCodes.ASPECT_RATIO_NOT_ACCEPTED, shown, "none",
          "aspect_ratio: " + route.id() + " takes no aspect ratio; leave " + shown + " out"));
      return;
    }
    aspectRatio = route.offeredAspectRatio(given).orElse(null);
    if (aspectRatio == null) {
      found.add(Violation.error("aspect_ratio", ViolationCodes.ASPECT_RATIO_NOT_OFFERED, shown,
          Texts.orList(route.aspectRatios()),
          "aspect_ratio: " + shown + " is not offered by " + route.id() + "; choose " + Texts.orList(route.aspectRatios())));
    }
  }

  private void checkResolution() {
    String given = job.resolution();
    if (given == null) {
      resolution = route.defaultResolution();
      return;
    }
    String shown = Texts.shown(given);
    if (route.resolutions().isEmpty()) {
      found.add(Violation.error("resolution", ViolationCodes.RESOLUTION_NOT_ACCEPTED, shown, "none",
          "resolution: " + route.id() + " takes no resolution; leave " + shown + " out"));
      return;
    }
    resolution = route.offeredResolution(given).orElse(null);
    if (resolution == null) {
      found.add(Violation.error("resolution", ViolationCodes.RESOLUTION_NOT_OFFERED, shown,
          Texts.orList(route.resolutions()),
          "resolution: " + shown + " is not offered by " + route.id() + "; choose " + Texts.orList(route.resolutions())));
    }
  }

  private void checkRules() {
    for (RouteRule rule : route.rules()) {
      if (rule instanceof RouteRule.AtResolution at) {
        checkAtResolution(at);
      } else if (rule instanceof RouteRule.RatiosInMode ratios) {
        checkRatiosInMode(ratios);
      } else if (rule instanceof RouteRule.RatioIgnoredInMode ignored) {
        checkRatioIgnored(ignored);
      } else if (rule instanceof RouteRule.WhenParam param) {
        checkWhenParam(param);
      } else if (rule instanceof RouteRule.ParamMaxItems most) {
        checkParamMaxItems(most);
      } else if (rule instanceof RouteRule.ParamNeedsInputs needs) {
        checkParamNeedsInputs(needs);
      } else if (rule instanceof RouteRule.ParamOneOf oneOf) {
        checkParamOneOf(oneOf);
      } else if (rule instanceof RouteRule.ImagePixels pixels) {
        ImagePixelChecks.check(route, pixels, job.images(), found);
      }
    }
  }

  private void checkAtResolution(RouteRule.AtResolution rule) {
    if (resolution == null || !resolution.equalsIgnoreCase(rule.resolution())) {
      return;
    }
    String at = " at " + resolution + " on " + route.id() + " (" + rule.reason() + ")";
    if (!rule.seconds().isEmpty() && seconds != null && !rule.seconds().contains(seconds)) {
      String field = job.seconds() != null ? "seconds" : "resolution";
      String fix = job.seconds() != null ? "choose " + Texts.orList(rule.seconds()) + " or another resolution"
          : "set seconds to " + Texts.orList(rule.seconds()) + " (the default is " + seconds + ")";
      found.add(Violation.error(field, ViolationCodes.CONFLICT_RESOLUTION_SECONDS, seconds.toString(),
          Texts.orList(rule.seconds()), field + ": " + seconds + " s is not offered" + at + "; " + fix));
    }
    if (!rule.aspectRatios().isEmpty() && aspectRatio != null && !containsIgnoringCase(rule.aspectRatios(), aspectRatio)) {
      String field = job.aspectRatio() != null ? "aspect_ratio" : "resolution";
      found.add(Violation.error(field, ViolationCodes.CONFLICT_RESOLUTION_ASPECT_RATIO, aspectRatio,
          Texts.orList(rule.aspectRatios()),
          field + ": " + ("resolution".equals(field) ? "the default aspect ratio " : "") + aspectRatio
              + " is not offered" + at + "; choose "
              + Texts.orList(rule.aspectRatios()) + " or another resolution"));
    }
    if (!rule.modes().isEmpty() && modeOffered && !rule.modes().contains(mode)) {
      List<String> modes = new ArrayList<>();
      rule.modes().forEach(each -> modes.add(each.id()));
      String field = job.resolution() != null ? "resolution" : "mode";
      found.add(Violation.error(field, ViolationCodes.CONFLICT_RESOLUTION_MODE, mode.id(), Texts.orList(modes),
          field + ": " + mode.id() + " is not offered" + at + "; choose another resolution"));
    }
  }

  private void checkRatiosInMode(RouteRule.RatiosInMode rule) {
    if (!modeOffered || rule.mode() != mode) {
      return;
    }
    String in = " for " + mode.id() + " on " + route.id() + " (" + rule.reason() + ")";
    if (rule.aspectRatios().isEmpty()) {
      if (job.aspectRatio() != null && aspectRatio != null) {
        found.add(Violation.error("aspect_ratio", ViolationCodes.CONFLICT_MODE_ASPECT_RATIO, aspectRatio, "none",
            "aspect_ratio: no aspect ratio is taken" + in + "; leave " + aspectRatio + " out"));
      }
      return;
    }
    String allowed = Texts.orList(rule.aspectRatios());
    if (aspectRatio == null && job.aspectRatio() == null) {
      found.add(Violation.error("aspect_ratio", ViolationCodes.CONFLICT_MODE_ASPECT_RATIO, null, allowed,
          "aspect_ratio: an aspect ratio of " + allowed + " is needed" + in + "; set it"));
    } else if (aspectRatio != null && !containsIgnoringCase(rule.aspectRatios(), aspectRatio)) {
      String what = job.aspectRatio() == null ? "the default aspect ratio " : "";
      found.add(Violation.error("aspect_ratio", ViolationCodes.CONFLICT_MODE_ASPECT_RATIO, aspectRatio, allowed,
          "aspect_ratio: " + what + aspectRatio + " is not offered" + in + "; choose " + allowed));
    }
  }

  private void checkRatioIgnored(RouteRule.RatioIgnoredInMode rule) {
    if (modeOffered && rule.mode() == mode && job.aspectRatio() != null && aspectRatio != null) {
      found.add(Violation.warning("aspect_ratio", ViolationCodes.ASPECT_RATIO_IGNORED, aspectRatio, "none",
          "aspect_ratio: " + aspectRatio + " is ignored for " + mode.id() + " by " + route.id() + " (" + rule.reason()
              + "), so it is not sent; leave it out"));
    }
  }

  private void checkWhenParam(RouteRule.WhenParam rule) {
    Object value = lookup(job.params(), rule.param());
    if (value == null || Boolean.FALSE.equals(value) || rule.value() != null && !rule.value().equals(value)) {
      return;
    }
    String field = "params." + rule.param();
    String what = rule.value() == null ? "" : " " + rule.value();
    if (!rule.modes().isEmpty() && modeOffered && !rule.modes().contains(mode)) {
      List<String> modes = new ArrayList<>();
      rule.modes().forEach(each -> modes.add(each.id()));
      found.add(Violation.error(field, ViolationCodes.CONFLICT_PARAM_MODE, mode.id(), Texts.orList(modes),
          field + ":" + what + " works only for " + Texts.orList(modes) + " on " + route.id() + " (" + rule.reason()
              + "), not " + mode.id() + "; remove it, or ask for " + Texts.orList(modes)
              + " with --mode (VideoJob.Builder.mode)"));
    }
    if (!rule.resolutions().isEmpty() && resolution != null && !containsIgnoringCase(rule.resolutions(), resolution)) {
      String allowed = Texts.orList(rule.resolutions());
      found.add(Violation.error(field, ViolationCodes.CONFLICT_PARAM_RESOLUTION, resolution, allowed,
          field + ":" + what + " works only at " + allowed + " on " + route.id() + " (" + rule.reason() + "), not "
              + resolution + "; set resolution " + allowed + " or remove it"));
    }
  }

  private void checkParamMaxItems(RouteRule.ParamMaxItems rule) {
    Object value = lookup(job.params(), rule.param());
    if (value == null) {
      return;
    }
    String field = "params." + rule.param();
    String allowed = "a list of at most " + entries(rule.max());
    if (!(value instanceof List<?> items)) {
      found.add(Violation.error(field, ViolationCodes.PARAM_TOO_MANY_ITEMS, "not a list", allowed,
          field + ": " + route.id() + " takes " + allowed + " here (" + rule.reason() + "); give a JSON list"));
    } else if (items.size() > rule.max()) {
      found.add(Violation.error(field, ViolationCodes.PARAM_TOO_MANY_ITEMS, Integer.toString(items.size()), allowed,
          field + ": " + entries(items.size()) + " given, but " + route.id()
              + " takes at most " + rule.max() + " (" + rule.reason() + "); remove " + (items.size() - rule.max())));
    }
  }

  private void checkParamNeedsInputs(RouteRule.ParamNeedsInputs rule) {
    Object value = lookup(job.params(), rule.param());
    if (value == null || Boolean.FALSE.equals(value) || !job.images().isEmpty() || !job.videos().isEmpty()) {
      return;
    }
    String field = "params." + rule.param();
    found.add(Violation.error(field, ViolationCodes.PARAM_NEEDS_INPUTS, "no images or videos",
        "at least 1 image or video",
        field + ": needs an image or a video in the job on " + route.id() + " (" + rule.reason()
            + "); add one with --image or --video (VideoJob.Builder image or video), or remove the parameter"));
  }

  private void checkParamOneOf(RouteRule.ParamOneOf rule) {
    Object value = lookup(job.params(), rule.param());
    if (value == null || value instanceof String text && rule.values().contains(text)) {
      return;
    }
    String field = "params." + rule.param();
    String shown = value instanceof String text ? "\"" + Texts.shown(text) + "\""
        : value instanceof Number || value instanceof Boolean ? String.valueOf(value)
        : value instanceof List<?> ? "a list" : "an object";
    String allowed = Texts.orList(rule.values());
    found.add(Violation.error(field, ViolationCodes.PARAM_NOT_OFFERED, shown, allowed,
        field + ": " + shown + " is not offered by " + route.id() + " (" + rule.reason() + "); choose " + allowed
            + ", or remove the parameter"));
  }

  private void checkParams() {
    if (job.params().isEmpty()) {
      return;
    }
    for (Map.Entry<String, Object> param : job.params().entrySet()) {
      long text = textLength(param.getValue());
      if (text > UNDOCUMENTED_PROMPT_CEILING) {
        String shown = Texts.shown(param.getKey());
        found.add(Violation.error("params." + shown, ViolationCodes.PARAM_TOO_LONG, text + " characters",
            "at most " + UNDOCUMENTED_PROMPT_CEILING + " characters of text in one parameter",
            "params." + shown + ": " + text + " characters of text is over the " + UNDOCUMENTED_PROMPT_CEILING
                + " characters vidgen takes in one parameter (as in a prompt without a documented limit: no"
                + " parameter a model vidgen ships documents comes near it); shorten it"));
      }
    }
    for (String key : job.params().keySet()) {
      // A dotted key (metadata.negative_prompt) is sent inside its first part, which is what the route documents.
      String top = key.indexOf('.') > 0 ? key.substring(0, key.indexOf('.')) : key;
      if (!route.knownParams().contains(key) && !route.knownParams().contains(top)) {
        String known = route.knownParams().isEmpty() ? "none" : Texts.orList(route.knownParams());
        String shown = Texts.shown(key);
        found.add(Violation.warning("params." + shown, ViolationCodes.PARAM_UNKNOWN, shown, known,
            "params." + shown + ": " + route.id() + " does not document this parameter; it is sent unchanged"
                + " (documented: " + known + ")"));
      }
    }
  }

  /**
   * The characters of text in a parameter's {@code value} (its strings, in lists and objects too, keys included),
   * leaving out {@code data:} URLs, which carry an image or a video inline and are as long as it is.
   */
  private static long textLength(Object value) {
    if (value instanceof String text) {
      return text.regionMatches(true, 0, "data:", 0, 5) ? 0 : text.length();
    }
    long length = 0;
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        length += String.valueOf(entry.getKey()).length() + textLength(entry.getValue());
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        length += textLength(item);
      }
    }
    return length;
  }

  /** The value at a dotted path such as {@code metadata.enable_gif}; null when absent. */
  static Object lookup(Map<String, Object> params, String path) {
    Object direct = params.get(path);
    if (direct != null || path.indexOf('.') < 0) {
      return direct;
    }
    Object current = params;
    int start = 0;
    while (current instanceof Map<?, ?> map) {
      int dot = path.indexOf('.', start);
      String key = dot < 0 ? path.substring(start) : path.substring(start, dot);
      current = map.get(key);
      if (dot < 0) {
        return current;
      }
      start = dot + 1;
    }
    return null;
  }

  private static boolean containsIgnoringCase(Iterable<String> values, String wanted) {
    for (String value : values) {
      if (value.equalsIgnoreCase(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** "1 entry", "3 entries" (the core's pure packages do not reach {@code core.text.Plural}). */
  private static String entries(int count) {
    return count + (count == 1 ? " entry" : " entries");
  }

  private static String plural(int count) {
    return count == 1 ? "" : "s";
  }
}
