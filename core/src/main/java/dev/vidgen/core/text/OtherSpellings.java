package dev.vidgen.core.text;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Extra parameters named as other models of a provider name a setting of the job (one model's length is
 * {@code seconds}, another's {@code duration}; one takes no {@code resolution} at all). One the route
 * does not document would ask for that setting unchecked and unpriced, beside the value filled from the
 * job, so vidgen's providers refuse it before sending, naming the setting to use.
 */
public final class OtherSpellings {
  /** The settings a name may stand for, as {@code settingsByName} gives them. */
  public static final String SECONDS = "seconds";
  public static final String RESOLUTION = "resolution";
  public static final String ASPECT_RATIO = "aspect ratio";
  public static final String IMAGES = "images";

  private OtherSpellings() {}

  /**
   * The refusal of parameter {@code name} of {@code job} when {@code settingsByName} (the provider's
   * models' names of the settings, each to {@link #SECONDS}, {@link #RESOLUTION}, {@link #ASPECT_RATIO} or
   * {@link #IMAGES}) holds it and {@code route} does not document it; empty otherwise. {@code fieldOf}
   * gives the field the route sends a setting in.
   */
  public static Optional<Violation> refusal(String name, Map<String, String> settingsByName, VideoJob job,
      ModelRoute route, Function<String, String> fieldOf) {
    String setting = settingsByName.get(name);
    if (setting == null || route.knownParams().contains(name)) {
      return Optional.empty();
    }
    GenerationMode mode = job.mode() != null ? job.mode()
        : !job.images().isEmpty() ? GenerationMode.IMAGE_TO_VIDEO
        : job.videos().isEmpty() ? GenerationMode.TEXT_TO_VIDEO : GenerationMode.VIDEO_EDIT;
    boolean takes = switch (setting) {
      case RESOLUTION -> !route.resolutions().isEmpty();
      case ASPECT_RATIO -> !route.aspectRatios().isEmpty();
      case IMAGES -> route.offers(mode) && route.imagesFor(mode).max() > 0;
      default -> true;
    };
    // Said as the job's setting, as every surface names it (an option, a field of a batch line, a control of the page).
    String option = "the job's " + setting;
    String field = "params." + name;
    String why = !takes
        ? route.id() + " takes no " + setting + ": the provider may refuse the parameter, or make and charge for"
            + " another video than the one checked and priced; remove the parameter"
        : route.id() + " takes " + (setting.equals(SECONDS) ? "its length" : "its " + setting) + " as "
            + fieldOf.apply(setting) + ", filled from " + option + " after checking and pricing it: sent beside that,"
            + " the parameter would ask for " + setting + " never checked or priced; set " + option
            + " instead and remove the parameter";
    return Optional.of(Violation.error(field, ViolationCodes.PARAM_REPLACES_SETTING, name,
        "a parameter " + route.id() + "'s settings do not fill",
        field + ": " + name + " is how other models name " + (setting.equals(SECONDS) ? "the length" : "the "
            + setting) + ", and " + why + " (a route file that documents " + name + " for " + route.id()
            + " lets it through)"));
  }
}
