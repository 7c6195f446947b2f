package dev.vidgen.core.port;

import dev.vidgen.core.error.ProviderSelectionException;
import dev.vidgen.core.text.EditDistance;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds and creates {@link VideoProvider}s. The choice is deterministic: an explicit id, else the
 * {@value #SYSTEM_PROPERTY} system property, else the {@value #ENVIRONMENT_VARIABLE} environment
 * variable, else the only provider on the class path when no other factory failed to load. Anything
 * else is a {@link ProviderSelectionException} naming the ids found and every factory that failed to
 * load; a factory is never skipped silently.
 */
public final class VideoProviders {
  /** The system property that names the provider, such as {@code -Dvidgen.provider=mock}. */
  public static final String SYSTEM_PROPERTY = "vidgen.provider";
  /** The environment variable that names the provider, such as {@code VIDGEN_PROVIDER=mock}. */
  public static final String ENVIRONMENT_VARIABLE = "VIDGEN_PROVIDER";

  /** What a provider id may be, in words, for the messages that refuse one. */
  public static final String ALLOWED_IDS = "lower-case letters, digits, '.', '_' and '-', starting with a letter or"
      + " digit (such as acme)";
  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final String HOW_TO_CHOOSE =
      "choose one with VidgenClient.builder().provider(id, config) (under Guice, VidgenModule.discover(id, config)),"
          + " -D" + SYSTEM_PROPERTY + "=ID or " + ENVIRONMENT_VARIABLE + "=ID";

  private VideoProviders() {}

  /**
   * A provider made by {@code factory}; for apps that name their provider in code.
   *
   * @throws dev.vidgen.core.error.ProviderConfigurationException when the configuration is unusable
   */
  public static VideoProvider create(VideoProviderFactory factory, ProviderConfig config) {
    Objects.requireNonNull(factory, "factory == null");
    Objects.requireNonNull(config, "config == null");
    VideoProvider provider;
    try {
      provider = factory.create(config);
    } catch (LinkageError missing) {
      // A factory found, but a class or method it needs is not there: a library left out of the class path (or a fat
      // jar), or a jar built for another vidgen. Said as the other factory faults are, with no other id offered.
      throw new ProviderSelectionException("the provider factory " + factory.id() + " ("
          + factory.getClass().getName() + ") failed to make its provider: its create(config) threw "
          + thrown(missing, config) + ", a class or method it needs is missing, so a jar it depends on is most likely"
          + " not on the class path, or its jar was built for another vidgen version; this is a fault of that"
          + " provider's jar, not of the settings given: put the jars it depends on on the class path, rebuild it"
          + " against this vidgen version (or use its release made for it), or take it off the class path",
          List.of(), missing);
    } catch (dev.vidgen.core.error.VidgenException refused) {
      throw refused; // the factory's own word, such as a ProviderConfigurationException for a missing key
    } catch (RuntimeException broken) {
      // Not the configuration's fault as the factory tells it: a bug of the provider's jar, said as a throwing
      // constructor is, with no other id offered (choosing this one again meets the same factory).
      throw new ProviderSelectionException("the provider factory " + factory.id() + " (" + factory.getClass().getName()
          + ") failed to make its provider: its create(config) threw " + thrown(broken, config) + "; this is a fault"
          + " of that provider's jar, not of the settings given (a setting it cannot use is a"
          + " ProviderConfigurationException); fix that factory's jar or take it off the class path",
          List.of(), broken);
    }
    if (provider == null) {
      throw new IllegalStateException(factory.getClass().getName() + " created no provider (null)");
    }
    String made = provider.id();
    if (!factory.id().equals(made)) {
      // Handles, the history and the advice to resume would name the other id: a provider of another, or of none.
      try {
        provider.close();
      } catch (RuntimeException ignored) {
        // Refused all the same; what its close says adds nothing.
      }
      throw new ProviderSelectionException("the provider factory " + factory.id() + " ("
          + factory.getClass().getName() + ") made a provider whose id() is "
          + (made == null ? "null" : "'" + dev.vidgen.core.text.SafeText.clip(made, 60) + "'") + ", not '"
          + factory.id() + "': a provider's id must be its factory's, as every task, history entry and key variable"
          + " is named by it; fix the factory or its provider so that both give the same id",
          List.of(), null); // no id here can be chosen: choosing this one again meets the same provider
    }
    return provider;
  }

  /** "java.lang.IllegalStateException: boom", the message clipped and any key of {@code config} masked in it. */
  private static String thrown(Throwable failure, ProviderConfig config) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getName();
    }
    String shown = dev.vidgen.core.text.SafeText.mask(message);
    if (config.apiKey().isPresent()) {
      shown = config.apiKey().get().maskIn(shown);
    }
    // The JVM's words may end with a full stop; the sentence goes on after them.
    return failure.getClass().getName() + ": " + dev.vidgen.core.text.SafeText.clip(shown, 200)
        .replaceAll("[.\\s]+$", "");
  }

  /**
   * The provider {@code id} found with {@link ServiceLoader} and created with {@code config}.
   *
   * @throws ProviderSelectionException when no factory, or several, have that id
   */
  public static VideoProvider load(String id, ProviderConfig config) {
    Objects.requireNonNull(id, "id == null");
    return create(locator().byId(id, "asked for in code"), config);
  }

  /**
   * The provider chosen at run time: {@value #SYSTEM_PROPERTY}, then {@value
   * #ENVIRONMENT_VARIABLE}, then the only one on the class path.
   *
   * @throws ProviderSelectionException when none, an unknown one, or several without a choice are found,
   *     or when nothing names one and a factory failed to load beside the only one that loaded
   */
  public static VideoProvider discover(ProviderConfig config) {
    return discover(null, config);
  }

  /**
   * Like {@link #discover(ProviderConfig)}, but {@code id} (when not null or blank) wins over the
   * system property and the environment.
   */
  public static VideoProvider discover(String id, ProviderConfig config) {
    return create(locator().choose(id), config);
  }

  /**
   * Which provider is named, and by what: {@code explicitId} (described by {@code explicitSource},
   * such as {@code --provider}) when not blank, else the {@value #SYSTEM_PROPERTY} system property,
   * else the {@value #ENVIRONMENT_VARIABLE} variable read through {@code environment}. Empty when
   * nothing names one, so that a caller can apply its own default; nothing is created.
   *
   * @throws ProviderSelectionException when the named id is not on the class path (the message
   *     lists the ids found and the nearest one)
   */
  public static Optional<Choice> named(String explicitId, String explicitSource, Function<String, String> environment) {
    Objects.requireNonNull(environment, "environment == null");
    Locator locator = new Locator(System::getProperty, environment, Thread.currentThread().getContextClassLoader());
    return locator.named(explicitId, explicitSource == null ? "asked for in code" : explicitSource);
  }

  /**
   * A provider id and how it was chosen.
   *
   * @param id the provider's id, such as {@code mock}
   * @param source such as {@code --provider}, or "named by the environment variable VIDGEN_PROVIDER"
   */
  public record Choice(String id, String source) {
    /** A choice as given; neither may be null. */
    public Choice {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(source, "source == null");
    }
  }

  /**
   * Why {@code id} cannot be a provider's (or its factory's) id, such as "is null" or "is not lower case";
   * empty when it can. The same rule holds for a factory found on the class path and for a provider a
   * client is built with: {@value #ALLOWED_IDS}.
   */
  public static Optional<String> idProblem(String id) {
    if (id == null) {
      return Optional.of("is null");
    }
    if (id.isBlank()) {
      return Optional.of("is blank");
    }
    if (ID.matcher(id).matches()) {
      return Optional.empty();
    }
    String shown = "'" + dev.vidgen.core.text.SafeText.clip(id, 60) + "'";
    return Optional.of(ID.matcher(id.toLowerCase(Locale.ROOT)).matches()
        ? shown + " is not lower case" : shown + " holds characters a provider id may not hold");
  }

  /**
   * The provider factories on the class path that failed to load, be made or name a usable id, each said as
   * the selection's own refusals say it (its type name and cause); empty when every one loaded.
   */
  public static List<String> loadFailures() {
    return locator().scan().failureTexts();
  }

  /** The ids of every provider factory on the class path, sorted; factories that fail to load are left out. */
  public static List<String> availableIds() {
    return locator().scan().ids();
  }

  private static Locator locator() {
    return new Locator(System::getProperty, System::getenv, Thread.currentThread().getContextClassLoader());
  }

  /** Looks factories up through one class loader, with the property and environment lookups injectable for tests. */
  static final class Locator {
    private final Function<String, String> properties;
    private final Function<String, String> environment;
    private final ClassLoader classLoader;

    Locator(Function<String, String> properties, Function<String, String> environment, ClassLoader classLoader) {
      this.properties = Objects.requireNonNull(properties, "properties == null");
      this.environment = Objects.requireNonNull(environment, "environment == null");
      this.classLoader = classLoader;
    }

    VideoProviderFactory choose(String explicitId) {
      Optional<Choice> named = named(explicitId, "asked for in code");
      if (named.isPresent()) {
        return byId(named.get().id(), named.get().source());
      }
      Scan scan = scan();
      if (scan.factories().size() == 1 && !scan.failures().isEmpty()) {
        // The factory that failed may be the provider meant: taking the one left would run jobs on another provider.
        throw new ProviderSelectionException("no provider was named, and besides the provider " + scan.ids().get(0)
            + " a provider factory on the class path failed to load, so vidgen does not guess which one was meant: "
            + scan.failureText() + "; fix that factory (or take it off the class path), or "
            + HOW_TO_CHOOSE.replace("choose one", "choose one explicitly"), scan.ids(), scan.firstFailure());
      }
      if (scan.factories().size() == 1) {
        return scan.factories().get(0);
      }
      if (scan.factories().isEmpty()) {
        throw new ProviderSelectionException(
            "no video provider found on the class path; add a provider module (vidgen-provider-…, such as "
                + "vidgen-provider-mock)" + scan.failureSuffix(),
            List.of(), scan.firstFailure());
      }
      List<String> claimedTwice = scan.ids().stream().filter(id -> java.util.Collections.frequency(scan.ids(), id) > 1)
          .distinct().toList();
      List<String> distinct = scan.ids().stream().distinct().toList();
      if (distinct.size() == 1) {
        return byId(distinct.get(0), "the only id on the class path"); // refused, naming the factories that claim it
      }
      String clash = claimedTwice.isEmpty() ? "" : "; " + (claimedTwice.size() == 1 ? "the id " : "the ids ")
          + String.join(", ", claimedTwice) + " " + (claimedTwice.size() == 1 ? "is" : "are") + " claimed by several"
          + " factories, so choosing " + (claimedTwice.size() == 1 ? "it" : "one of them") + " fails until one"
          + " of each is taken off the class path";
      throw new ProviderSelectionException(
          "several video providers found (" + String.join(", ", distinct) + "); " + HOW_TO_CHOOSE + clash
              + scan.failureSuffix(),
          distinct, scan.firstFailure());
    }

    /** The provider an explicit id, the property or the variable names, checked against the class path. */
    Optional<Choice> named(String explicitId, String explicitSource) {
      String source;
      String id;
      if (!isBlank(explicitId)) {
        id = explicitId;
        source = explicitSource;
      } else if (!isBlank(properties.apply(SYSTEM_PROPERTY))) {
        id = properties.apply(SYSTEM_PROPERTY);
        source = "named by the system property " + SYSTEM_PROPERTY;
      } else if (!isBlank(environment.apply(ENVIRONMENT_VARIABLE))) {
        id = environment.apply(ENVIRONMENT_VARIABLE);
        source = "named by the environment variable " + ENVIRONMENT_VARIABLE;
      } else {
        return Optional.empty();
      }
      return Optional.of(new Choice(byId(id, source).id().toLowerCase(Locale.ROOT), source));
    }

    VideoProviderFactory byId(String id, String source) {
      String wanted = id.strip().toLowerCase(Locale.ROOT);
      Scan scan = scan();
      List<VideoProviderFactory> matches =
          scan.factories().stream().filter(f -> wanted.equals(f.id().toLowerCase(Locale.ROOT))).toList();
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.isEmpty()) {
        String found = scan.ids().isEmpty() ? "none found" : "found: " + String.join(", ", scan.ids())
            + nearest(wanted, scan.ids()).map(near -> "; did you mean " + near + "?").orElse("");
        throw new ProviderSelectionException(
            "no video provider with id '" + id.strip() + "' (" + source + "); " + found + scan.failureSuffix(),
            scan.ids(), scan.firstFailure());
      }
      throw new ProviderSelectionException(
          "several factories claim the provider id '" + wanted + "': "
              + String.join(", ", matches.stream().map(f -> f.getClass().getName()).toList())
              + "; keep one of them on the class path",
          scan.ids(), null);
    }

    /**
     * Every factory that loads. {@link ServiceLoader#stream()} loads each class before it is
     * instantiated, so a class that cannot load and a constructor that throws are both reported
     * by type name, and the scan goes on with the next entry.
     */
    Scan scan() {
      ServiceLoader<VideoProviderFactory> loader =
          classLoader == null
              ? ServiceLoader.load(VideoProviderFactory.class)
              : ServiceLoader.load(VideoProviderFactory.class, classLoader);
      List<VideoProviderFactory> factories = new ArrayList<>();
      List<Throwable> failures = new ArrayList<>();
      Iterator<ServiceLoader.Provider<VideoProviderFactory>> entries = loader.stream().iterator();
      // A broken services entry throws from hasNext/next; the loader then resumes with the next one.
      for (int guard = 0; guard < 10_000; guard++) {
        ServiceLoader.Provider<VideoProviderFactory> entry;
        try {
          if (!entries.hasNext()) {
            break;
          }
          entry = entries.next();
        } catch (ServiceConfigurationError e) {
          failures.add(e);
          continue;
        }
        try {
          VideoProviderFactory factory = entry.get();
          String id = factory.id();
          Optional<String> problem = idProblem(id);
          if (problem.isPresent()) {
            failures.add(new ServiceConfigurationError("Provider " + entry.type().getName() + " failed: its id() "
                + problem.get() + "; a provider id is " + ALLOWED_IDS));
            continue;
          }
          factories.add(factory);
        } catch (ServiceConfigurationError e) {
          failures.add(e);
        } catch (RuntimeException | LinkageError e) {
          failures.add(new ServiceConfigurationError("Provider " + entry.type().getName() + " failed: " + e, e));
        }
      }
      return new Scan(List.copyOf(factories), List.copyOf(failures));
    }

    /** The id closest to {@code wanted} by edit distance, when it is close enough to be a typo. */
    static Optional<String> nearest(String wanted, List<String> ids) {
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (String id : ids) {
        int distance = EditDistance.between(wanted, id.toLowerCase(Locale.ROOT));
        if (distance < bestDistance) {
          best = id;
          bestDistance = distance;
        }
      }
      return best != null && bestDistance <= Math.max(2, wanted.length() / 3) ? Optional.of(best) : Optional.empty();
    }


    private static boolean isBlank(String text) {
      return text == null || text.isBlank();
    }
  }

  /** What a scan of the class path found. */
  record Scan(List<VideoProviderFactory> factories, List<Throwable> failures) {
    List<String> ids() {
      return factories.stream().map(VideoProviderFactory::id).sorted().toList();
    }

    Throwable firstFailure() {
      return failures.isEmpty() ? null : failures.get(0);
    }

    String failureText() {
      return "could not load: " + String.join("; ", failureTexts());
    }

    List<String> failureTexts() {
      return failures.stream().map(Scan::describe).toList();
    }

    /** The loader's message and, when it differs, the root cause (a missing class, a throwing constructor). */
    private static String describe(Throwable failure) {
      Throwable root = failure;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String text = failure.getMessage().replace(VideoProviderFactory.class.getName() + ": ", "");
      return root == failure ? text : text + " (" + root + ")";
    }

    String failureSuffix() {
      return failures.isEmpty() ? "" : "; " + failureText();
    }
  }
}
