package dev.vidgen.core.validation;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.Retirement;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a {@link VideoJob} against its route in a catalog and reports every problem at once:
 * errors that block the job and warnings that do not. Never throws for a bad job (a null job
 * gets a report too); reads only the attributes and first bytes of local image files, and on a route
 * with pixel limits their headers up to the width and height.
 * Thread-safe.
 */
public final class JobValidator {
  /**
   * The longest prompt, in characters (code points), taken for a model that documents no prompt limit: a longer one
   * is refused as a mistake ({@code prompt.too_long}); a route's documented {@code max_prompt_chars} rules instead.
   */
  public static final int UNDOCUMENTED_PROMPT_CEILING = RouteChecks.UNDOCUMENTED_PROMPT_CEILING;

  private final RouteCatalog catalog;
  private final boolean allowRetired;
  private final Clock clock;
  /** The models the key's live list holds, or null when that list is not known. */
  private final Set<String> live;
  /** The provider jobs go to, whose dropped hints alone are warned of; null: any provider's. */
  private final String provider;

  private JobValidator(RouteCatalog catalog, boolean allowRetired, Clock clock, Set<String> live, String provider) {
    this.catalog = Objects.requireNonNull(catalog, "catalog == null");
    this.allowRetired = allowRetired;
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.live = live == null ? null : Set.copyOf(live);
    this.provider = provider;
  }

  /**
   * A validator for the routes in {@code catalog} on the system clock (UTC); a route retired as of
   * today is an error, and one whose retirement day is still to come draws a warning.
   */
  public static JobValidator of(RouteCatalog catalog) {
    return new JobValidator(catalog, false, Clock.systemUTC(), null, null);
  }

  /** The sentence of {@code model}'s route note that names {@code word} (any case), when there is one. */
  public java.util.Optional<String> noteNaming(String model, String word) {
    String lower = word.toLowerCase(java.util.Locale.ROOT);
    return catalog.find(model).map(ModelRoute::note).stream()
        .flatMap(note -> java.util.Arrays.stream(note.split("(?<=\\.)\\s+")))
        .filter(sentence -> sentence.toLowerCase(java.util.Locale.ROOT).contains(lower)).findFirst();
  }

  /**
   * This validator, but a retired route draws only a warning (for a provider that still routes
   * it, such as a reseller).
   */
  public JobValidator allowingRetired() {
    return new JobValidator(catalog, true, clock, live, provider);
  }

  /**
   * This validator, knowing the models the provider's live list holds for the key ({@code null}:
   * not known). A retired route that list still offers draws a warning instead of an error, and
   * the models suggested instead are those the list holds.
   */
  public JobValidator withLiveModels(Set<String> live) {
    return new JobValidator(catalog, allowRetired, clock, live, provider);
  }

  /**
   * This validator, but "today" (for retirements) is the UTC date of {@code clock}, or of the system
   * clock when that is later: a clock may bring a retirement forward, never take one back.
   */
  public JobValidator withClock(Clock clock) {
    return new JobValidator(catalog, allowRetired, clock, live, provider);
  }

  /**
   * This validator for jobs sent to provider {@code id}: a route file that replaces a built-in route whole is
   * warned of for dropping that provider's hints only, not another provider's, which these jobs never reach.
   */
  public JobValidator forProvider(String id) {
    return new JobValidator(catalog, allowRetired, clock, live, Objects.requireNonNull(id, "id == null"));
  }

  private LocalDate today() {
    LocalDate byClock = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    LocalDate bySystem = LocalDate.now(java.time.ZoneOffset.UTC);
    return byClock.isAfter(bySystem) ? byClock : bySystem;
  }

  /**
   * Every error and warning for {@code job}. When the job names no mode, the report's mode is the
   * one inferred from its inputs, and the job is checked against that mode.
   */
  public ValidationReport validate(VideoJob job) {
    if (job == null) {
      return new ValidationReport(null, null, List.of(Violation.error("job", ViolationCodes.JOB_MISSING, null,
          "a VideoJob", "job: no job was given; build one with VideoJob.builder(model)")));
    }
    List<Violation> found = new ArrayList<>();
    ModelRoute route = job.model().isBlank() ? null : catalog.find(job.model()).orElse(null);
    GenerationMode mode = Modes.resolve(job, route);
    if (route == null) {
      reportUnknownModel(job, found);
      RouteChecks.checkInputs(job.images(), job.videos(), found);
    } else {
      LocalDate today = today();
      route.retiredOn(today).ifPresent(retirement -> reportRetired(route, retirement, found));
      route.retiringAfter(today).ifPresent(retirement -> reportRetiring(route, retirement, found));
      reportDroppedHints(route, found);
      new RouteChecks(route, job, mode, found).run();
      CountedModes.check(catalog, route, job, mode, today, found);
    }
    BrokenTexts.check(job, found);
    return new ValidationReport(route == null ? job.model() : route.nameFor(job.model()), mode, found);
  }

  /**
   * The error for an extend's or remix's {@code prompt} (no follow-on documents a prompt limit) over the 20000
   * characters vidgen accepts where no limit is documented; empty for a shorter prompt or none.
   */
  public Optional<Violation> followOnPromptOverCeiling(String prompt, String model) {
    return RouteChecks.overCeiling(prompt, "no extend or remix of " + model + " documents one", null);
  }

  /**
   * An error for the {@code prompt} and for each name or text of {@code params} of an extend or remix that holds a
   * broken character (half of an emoji, as cutting text by UTF-16 index leaves), which would be sent as "?".
   */
  public static List<Violation> brokenCharacters(String prompt, Map<String, Object> params) {
    List<Violation> found = new ArrayList<>();
    BrokenTexts.check("prompt", prompt, found);
    BrokenTexts.checkParams(params == null ? Map.of() : params, found);
    return found;
  }

  /**
   * What a job on {@code model} draws for its route's retirement: an error, or a warning when
   * retired routes are allowed; empty when the route is not retired today (its retirement day still
   * to come counts as not retired) or not in the catalog.
   */
  public Optional<Violation> retirement(String model) {
    List<Violation> found = new ArrayList<>();
    catalog.find(model).ifPresent(route -> route.retiredOn(today())
        .ifPresent(retired -> reportRetired(route, retired, found)));
    return found.stream().findFirst();
  }

  /**
   * The warning a job on {@code model} draws because its route will be retired on a day still to come;
   * empty when no retirement is set, its day has come, or the model is not in the catalog.
   */
  public Optional<Violation> retiring(String model) {
    List<Violation> found = new ArrayList<>();
    catalog.find(model).ifPresent(route -> route.retiringAfter(today())
        .ifPresent(retirement -> reportRetiring(route, retirement, found)));
    return found.stream().findFirst();
  }

  /**
   * Every problem with {@code job}'s local images ({@code images[i]}) and videos ({@code videos[i]}) as they
   * are now, each saying it was found when checked again before the upload: a file deleted, made unreadable or
   * changed since the job was validated. Reads the files only, not the catalog.
   */
  public static List<Violation> recheckLocalInputs(VideoJob job) {
    return LocalInputs.check(job);
  }

  private void reportRetired(ModelRoute route, Retirement retirement, List<Violation> found) {
    List<String> instead = retirement.instead().stream().filter(this::offers).toList();
    Optional<String> own = catalog.ownRetirementBy(route.id());
    String when = "model: " + route.id() + " was retired on " + retirement.on() + " (" + retirement.note() + ")"
        + own.map(by -> " by " + by).orElse("");
    String choice = instead.isEmpty() ? "another model" : Texts.orList(instead);
    if (live != null && route.nameListedIn(live).isPresent() && own.isEmpty()) {
      // The catalog says "gone", the key's own list says "here": the list is the newer word (and the route may still
      // fail, so the warning names what to move to).
      found.add(Violation.warning("model", ViolationCodes.MODEL_RETIRED, route.id(), choice,
          "model: " + route.id() + " is marked retired in the catalog on " + retirement.on() + " (" + retirement.note()
              + "), but this key's live model list still offers it, so it is sent; it may stop working at any time"
              + (instead.isEmpty() ? "" : ": " + choice + " will last")));
      return;
    }
    if (allowRetired) {
      found.add(Violation.warning("model", ViolationCodes.MODEL_RETIRED, route.id(), choice,
          when + "; it is sent anyway because retired routes are allowed"));
      return;
    }
    String pick = instead.isEmpty() && live != null
        ? "choose a model this key's live list offers (vidgen models --live marks them)" : "choose " + choice + " instead";
    // The key's own list, read and lacking the route, already says the provider does not serve it to this key.
    boolean unlisted = live != null && own.isEmpty();
    found.add(Violation.error("model", ViolationCodes.MODEL_RETIRED, route.id(), choice,
        when + "; " + pick + (unlisted ? " (this key's live model list does not offer it either)"
            : ", or allow retired routes (allowRetired(true) in Java, --allow-retired on the command line) "
                + (own.isPresent() ? "to send it all the same" : "if your provider still serves it"))));
  }

  /**
   * Whether a job on catalog route {@code id} would be accepted now, so that it may be suggested instead of
   * another: known, listed for the key when that list is known, and not retired today (unless the key's list
   * lifts a retirement that is not the team's own).
   */
  public boolean offers(String id) {
    Optional<ModelRoute> route = catalog.find(id);
    if (route.isEmpty()) {
      return false;
    }
    boolean listed = live != null && route.get().nameListedIn(live).isPresent();
    if (live != null && !listed) {
      return false;
    }
    return route.get().retiredOn(today()).isEmpty() || listed && catalog.ownRetirementBy(id).isEmpty();
  }

  /**
   * A route that replaced vidgen's built-in route of its id whole (not a patch, which keeps what it does not name)
   * and lost the provider hints the built-in one has: the job is sent, but not spelled as the built-in route spells
   * it, which a provider may refuse or read otherwise. Told so that a price changed by replacing the route does not
   * also change the request without a word.
   */
  private void reportDroppedHints(ModelRoute route, List<Violation> found) {
    Optional<ModelRoute> shipped = RouteCatalog.builtIn().find(route.id())
        .filter(builtIn -> builtIn.id().equals(route.id()) && builtIn != route);
    boolean patched = catalog.origin(route.id()).filter(origin -> origin.startsWith(RouteCatalog.BUILT_IN)).isPresent();
    if (shipped.isEmpty() || patched) {
      return;
    }
    List<String> dropped = shipped.get().hints().keySet().stream()
        .filter(provider -> !route.hints().containsKey(provider))
        .filter(provider -> this.provider == null || provider.equals(this.provider)).sorted().toList();
    String from = catalog.origin(route.id()).orElse(RouteCatalog.CODE);
    if (dropped.isEmpty()) {
      // Hints of its own for each provider, but some the built-in route has left out (an empty object, say).
      List<String> partly = new ArrayList<>();
      new java.util.TreeMap<>(shipped.get().hints()).forEach((provider, builtInHints) -> {
        if ((this.provider == null || provider.equals(this.provider)) && builtInHints instanceof java.util.Map<?, ?> had && route.hints().get(provider) instanceof java.util.Map<?, ?> has) {
          List<String> missing = had.keySet().stream().map(String::valueOf).filter(key -> !has.containsKey(key)).sorted()
              .toList();
          if (!missing.isEmpty()) {
            partly.add("its " + provider + " hints leave out " + String.join(", ", missing));
          }
        }
      });
      if (!partly.isEmpty()) {
        found.add(Violation.warning("model", ViolationCodes.MODEL_HINTS_DROPPED, route.id(), "a patch",
            "model: " + route.id() + " is replaced whole by " + from + ", and " + String.join("; ", partly)
                + ", which vidgen's built-in route has, so the job is not spelled as the built-in route spells it;"
                + " to change only some of its fields (a price, say), give them in a \"patch\" instead"
                + " (docs/routes.md#change-a-price)"));
      }
      return;
    }
    found.add(Violation.warning("model", ViolationCodes.MODEL_HINTS_DROPPED, route.id(), "a patch",
        "model: " + route.id() + " is replaced whole by " + from + ", which gives no " + String.join(" or ", dropped)
            + " hints though vidgen's built-in route has them, so on " + String.join(" or ", dropped) + " the job is"
            + " sent in the standard wire, not as the built-in route spells it; to change only some of its fields"
            + " (a price, say), give them in a \"patch\" instead (docs/routes.md#change-a-price)"));
  }

  /** A route whose retirement day is still to come works, with a warning that says when it stops and what instead. */
  private void reportRetiring(ModelRoute route, Retirement retirement, List<Violation> found) {
    List<String> instead = retirement.instead().stream().filter(this::offers).toList();
    String choice = instead.isEmpty() ? "another model" : Texts.orList(instead);
    found.add(Violation.warning("model", ViolationCodes.MODEL_RETIRING, route.id(), choice,
        "model: " + route.id() + " will be retired on " + retirement.on() + " (" + retirement.note()
            + "); it works until then, and jobs on it are refused from that day: choose " + choice + " before then"));
  }

  /**
   * The three known ids closest to {@code model} that a job may use now: listed for the key when
   * that list is known (a retired route it lists counts), else not retired; retired routes only
   * when nothing else can be named and the list is not known.
   */
  private List<String> nearestOffered(String model) {
    LocalDate today = today();
    List<String> offered = catalog.nearest(model, catalog.size()).stream().filter(this::offers)
        .filter(id -> live != null || catalog.find(id).flatMap(route -> route.retiredOn(today)).isEmpty())
        .limit(3).toList();
    return offered.isEmpty() && live == null ? catalog.nearest(model, 3) : offered;
  }

  /**
   * {@link #nearestOffered} by the same rule, but only ids spelled near {@code model} ({@link #spelledNear}): what a
   * "did you mean" may name, so that a name of its own ({@code acme-video-9}) is not answered with unrelated models.
   */
  private List<String> nearSpellings(String model, List<String> nearest) {
    boolean onlyRetired = live == null && nearest.stream().noneMatch(this::offers);
    return catalog.nearest(model, catalog.size()).stream().filter(id -> spelledNear(model, id))
        .filter(id -> onlyRetired || offers(id)).limit(3).toList();
  }

  /**
   * Whether {@code given} may be a misspelling of route id {@code id}: at most a third of its characters apart (two
   * at least, as {@link RouteCatalog#nearest} counts, a prefix of the id counting as one), or the same leading word
   * of three letters or more ({@code sora-3} and {@code sora-2-pro}, {@code grok} and {@code grok-video-1.5}).
   */
  static boolean spelledNear(String given, String id) {
    String wanted = given.strip().toLowerCase(java.util.Locale.ROOT);
    if (RouteCatalog.distanceBetween(wanted, id) <= Math.max(2, wanted.length() / 3)) {
      return true;
    }
    String stem = leadingLetters(wanted);
    return stem.length() >= 3 && stem.equals(leadingLetters(id.toLowerCase(java.util.Locale.ROOT)));
  }

  private static String leadingLetters(String id) {
    int end = 0;
    while (end < id.length() && Character.isLetter(id.charAt(end))) {
      end++;
    }
    return id.substring(0, end);
  }

  /**
   * A retired route within two edits of {@code model} and nearer than every suggested route, so
   * that "sora-3" hears of sora-2 while "luma" does not.
   */
  private Optional<ModelRoute> closerRetired(String model, List<String> suggested) {
    LocalDate today = today();
    int nearestSuggested = suggested.stream()
        .mapToInt(id -> RouteCatalog.distanceBetween(model, id)).min().orElse(Integer.MAX_VALUE);
    return catalog.routes().stream()
        .filter(route -> route.retiredOn(today).isPresent() && !suggested.contains(route.id()))
        .filter(route -> {
          int distance = RouteCatalog.distanceBetween(model, route.id());
          return distance <= 2 && distance < nearestSuggested;
        })
        .min(Comparator.comparingInt((ModelRoute route) -> RouteCatalog.distanceBetween(model, route.id()))
            .thenComparing(ModelRoute::id));
  }

  /** Whether route {@code id} offers the mode {@code job} would take on it, so that it may be named instead. */
  private boolean takes(String id, VideoJob job) {
    return catalog.find(id).filter(route -> route.offers(Modes.resolve(job, route))).isPresent();
  }

  /**
   * The words for a removed or unknown model no suggestable id is spelled near: said so, with where to look,
   * never with unrelated names.
   */
  private String noneNear(List<String> nearest, String retiredNear) {
    if (catalog.size() == 0) {
      return "the catalog has no routes";
    }
    if (nearest.isEmpty()) {
      return "this key's live model list holds none of the catalog's models (vidgen models --live shows it)";
    }
    return "no model a job may use is spelled near it" + retiredNear + "; vidgen models lists the " + catalog.size()
        + " known ones" + (live == null ? "" : ", vidgen models --live those this key may use");
  }

  /** What a refusal naming no model near the given one allows: where to find the models a job may use. */
  private String noModelNear() {
    return live == null ? "a model vidgen models lists" : "a model vidgen models --live marks as usable";
  }

  private void reportUnknownModel(VideoJob job, List<Violation> found) {
    String model = job.model();
    List<String> nearest = nearestOffered(model);
    String suggestions = Texts.orList(nearest);
    if (model.isBlank()) {
      found.add(Violation.error("model", ViolationCodes.MODEL_MISSING, model, suggestions,
          "model: no model was given; choose one of the " + catalog.size() + " known routes, such as " + suggestions));
      return;
    }
    String shown = Texts.shown(model);
    java.util.Optional<String> removedBy = catalog.removedBy(model);
    if (removedBy.isPresent()) {
      // Named instead only when spelled near it (as for a misspelt name) and able to take this job.
      List<String> instead = nearSpellings(model, nearest).stream().filter(id -> takes(id, job)).toList();
      found.add(Violation.error("model", ViolationCodes.MODEL_UNKNOWN, shown,
          instead.isEmpty() ? noModelNear() : Texts.orList(instead),
          "model: " + shown + " was removed from the catalog by " + removedBy.get() + " (its remove list); leave it"
              + " out of that file to use it again" + (instead.isEmpty() ? "; " + noneNear(nearest, "")
              : ", or choose " + Texts.orList(instead))));
      return;
    }
    if (live != null && live.stream().anyMatch(id -> id.strip().equalsIgnoreCase(model.strip()))) {
      // The key's own list offers it: a guess at a spelling mistake would send the user looking for one that isn't there.
      found.add(Violation.error("model", ViolationCodes.MODEL_UNKNOWN, shown, "a route for it in a route file",
          "model: " + shown + " is on this key's live model list, but the catalog has no route for it, so vidgen cannot"
              + " check or price its jobs; write a starter route with vidgen models --live --emit-routes > my-routes.json,"
              + " fill in its real limits and price, then add --routes my-routes.json (docs/routes.md)"));
      return;
    }
    List<String> near = nearSpellings(model, nearest);
    String retiredNear = closerRetired(model, near).map(route -> " (" + route.id() + " was retired on "
        + route.retired().orElseThrow().on() + ")").orElse("");
    String hint = near.isEmpty() ? noneNear(nearest, retiredNear)
        : "did you mean " + Texts.orList(near) + "?" + retiredNear;
    found.add(Violation.error("model", ViolationCodes.MODEL_UNKNOWN, shown, near.isEmpty() ? noModelNear()
        : Texts.orList(near),
        "model: " + shown + " is not a known model; " + hint + " (a model the provider offers that the catalog lacks is"
            + " added with a route file, docs/routes.md; vidgen models --live --emit-routes writes a starter one)"));
  }
}
