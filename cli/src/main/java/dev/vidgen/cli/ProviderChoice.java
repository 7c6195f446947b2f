package dev.vidgen.cli;

import dev.vidgen.core.error.ProviderSelectionException;
import dev.vidgen.core.port.VideoProviders;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which provider a command talks to and why: what core's {@link VideoProviders#named} finds
 * ({@code --provider}, else {@code -Dvidgen.provider}, else {@code VIDGEN_PROVIDER}; an unknown id
 * is an error naming the ids found), else the provider named by an encoded job handle, else
 * {@code toapis} when {@code TOAPIS_API_KEY} is set, else the offline {@code mock} (with a notice), unless a base URL
 * names a server ({@link #requireNoServerNamed}). Neither of the last two is taken while a provider factory on the
 * class path failed to load: that is refused (exit 2).
 *
 * @param source how the choice was made, for {@code --verbose} and messages
 * @param fellBackToMock whether nothing chose a provider and the mock was taken
 */
record ProviderChoice(String id, String source, boolean fellBackToMock) {
  static final String TOAPIS = "toapis";
  static final String MOCK = "mock";
  static final String PROVIDER_VARIABLE = VideoProviders.ENVIRONMENT_VARIABLE;
  static final String KEY_VARIABLE = "TOAPIS_API_KEY";
  static final String BASE_URL_VARIABLE = "TOAPIS_BASE_URL";
  static final String DEFAULT_BASE_URL = "https://toapis.com";

  ProviderChoice {
    Objects.requireNonNull(id, "id == null");
    id = id.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The provider for one command.
   *
   * @param flag the value of {@code --provider}, or null
   * @param fromHandle the provider an encoded job handle or the task history names, or null
   * @param hintSource where {@code fromHandle} comes from, as {@code --verbose} tells it
   */
  static ProviderChoice choose(String flag, CliContext context, String fromHandle, String hintSource) {
    if (flag(flag) != null && fromHandle != null && flag(flag).equalsIgnoreCase(fromHandle.strip())) {
      // --provider names the task's own provider: its absence is said as the task's, not as a misspelt choice.
      requireOnClassPath(fromHandle.strip(), hintSource, VideoProviders.availableIds(),
          ProviderLoadFailures.of(context.env()));
    }
    Optional<VideoProviders.Choice> named = named(flag, context);
    if (named.isPresent()) {
      String source = named.get().source().contains(PROVIDER_VARIABLE) ? PROVIDER_VARIABLE : named.get().source();
      return new ProviderChoice(named.get().id(), source, false);
    }
    if (flag(flag) == null && context.isBlankButSet(PROVIDER_VARIABLE)) {
      // As for an empty key or base URL: a mistake, not an absence (VIDGEN_PROVIDER=$UNSET_VARIABLE in a CI job), which
      // would otherwise fall back to the mock and exit 0 with a placeholder video.
      throw CliException.usage(PROVIDER_VARIABLE + " is set but empty; nothing was sent",
          "name a provider (export " + PROVIDER_VARIABLE + "=" + TOAPIS + ", or --provider " + MOCK + " to try things"
              + " offline), or unset " + PROVIDER_VARIABLE + " to let " + KEY_VARIABLE + " decide");
    }
    if (context.isBlankButSet(KEY_VARIABLE)) {
      throw CliException.usage(KEY_VARIABLE + " is set but empty, so no provider can be chosen from it",
          "set it to your key (export " + KEY_VARIABLE + "=sk-...), or unset it and use --provider mock to try"
              + " things offline");
    }
    if (fromHandle != null && !fromHandle.isBlank()) {
      requireOnClassPath(fromHandle.strip(), hintSource, VideoProviders.availableIds(),
          ProviderLoadFailures.of(context.env()));
      return new ProviderChoice(fromHandle, hintSource, false);
    }
    boolean keySet = context.variable(KEY_VARIABLE).isPresent();
    requireNoFactoryFailed(keySet ? TOAPIS : MOCK, ProviderLoadFailures.of(context.env()));
    if (keySet) {
      return new ProviderChoice(TOAPIS, KEY_VARIABLE + " is set", false);
    }
    return new ProviderChoice(MOCK, "no " + KEY_VARIABLE + " is set", true);
  }

  /**
   * What core's {@link VideoProviders#named} finds; a provider it cannot find while {@code VIDGEN_CLASSPATH} is set but
   * not on this JVM's class path (under {@code java -jar}) is refused with a note saying so.
   */
  private static Optional<VideoProviders.Choice> named(String flag, CliContext context) {
    try {
      return VideoProviders.named(flag, "--provider", name -> context.variable(name).orElse(null));
    } catch (ProviderSelectionException notFound) {
      Optional<String> ignored = ClassPathVariable.ignoredNote(context.variable(ClassPathVariable.NAME),
          System.getProperty("java.class.path"));
      if (ignored.isEmpty() || String.valueOf(notFound.getMessage()).startsWith("several factories")) {
        throw notFound;
      }
      String said = String.valueOf(notFound.getMessage());
      String seeAlso = " (see docs/errors.md#provider-selection)"; // the exception adds it again
      said = said.endsWith(seeAlso) ? said.substring(0, said.length() - seeAlso.length()) : said;
      throw new ProviderSelectionException(said + "; " + ignored.get(), notFound.availableIds(), notFound.getCause());
    }
  }

  /**
   * Refuses the mock taken because no key is set ({@link #fellBackToMock}) when a base URL names a server: {@code
   * --base-url} or {@code TOAPIS_BASE_URL} says toapis is meant, and the mock would answer with placeholders and exit 0
   * (exit 3, as for any missing key).
   *
   * @param flag the value of {@code --base-url}, or null
   */
  void requireNoServerNamed(String flag, CliContext context) {
    if (!fellBackToMock) {
      return;
    }
    String named = flag(flag) != null ? "--base-url"
        : context.variable(BASE_URL_VARIABLE).filter(value -> !value.isBlank()).isPresent() ? BASE_URL_VARIABLE : null;
    if (named == null) {
      return;
    }
    throw new CliException(ExitCodes.AUTHENTICATION, "authentication", named + " names a server, but no "
        + KEY_VARIABLE + " is set, so nothing was sent", "set " + KEY_VARIABLE + " (export " + KEY_VARIABLE
        + "=sk-...; keys are made at https://toapis.com/console/token), or add --provider " + MOCK
        + " to try the offline mock"
        + (named.equals(BASE_URL_VARIABLE) ? " (or unset " + BASE_URL_VARIABLE + ")" : ""));
  }

  /**
   * Refuses a task whose provider ({@code madeBy}, as {@code source} records it) is not on the class path: only that
   * provider can read its task, so the advice is to add its jar, never to choose another provider for it.
   */
  static void requireOnClassPath(String madeBy, String source, java.util.List<String> found,
      java.util.List<String> failures) {
    if (found.stream().anyMatch(id -> id.equalsIgnoreCase(madeBy))) {
      return;
    }
    String id = dev.vidgen.core.text.SafeText.clip(dev.vidgen.core.text.SafeText.clean(madeBy), 60);
    String onClassPath = found.isEmpty() ? "none" : String.join(", ", found.stream().distinct().toList());
    throw CliException.usage("this task was made by provider " + id + " (as " + source + " records), which is not"
        + " on the class path (found: " + onClassPath + ")" + (failures.isEmpty() ? ""
            : "; could not load: " + String.join("; ", failures)) + "; nothing was sent",
        "add " + id + "'s jar to the class path and run the command again: export VIDGEN_CLASSPATH=/path/to/" + id
            + "-provider.jar for bin/vidgen, or java -cp vidgen-cli-<version>-all.jar:/path/to/" + id + "-provider.jar"
            + " dev.vidgen.cli.Main … (docs/writing-a-provider.md#running-it-under-the-cli); another provider"
            + " cannot read " + id + "'s tasks");
  }

  /**
   * Refuses to fall back to {@code fallback} while a provider factory on the class path failed to load, as core's
   * {@code discoverProvider} refuses: the factory that failed may be the provider meant (a jar on
   * {@code VIDGEN_CLASSPATH}), and jobs would go to another provider, or to the mock's placeholders, with exit 0.
   */
  static void requireNoFactoryFailed(String fallback, java.util.List<String> failures) {
    if (failures.isEmpty()) {
      return;
    }
    throw CliException.usage("no provider was named, and a provider factory on the class path failed to load, so"
        + " vidgen does not fall back to " + fallback + " in its place: could not load: " + String.join("; ", failures)
        + "; nothing was sent", "fix that factory's jar (or take it off the class path, such as off "
        + "VIDGEN_CLASSPATH), or name the provider meant: --provider " + fallback + " (or export " + PROVIDER_VARIABLE
        + "=" + fallback + ")");
  }

  /**
   * The base URL of toapis: {@code --base-url}, else {@code TOAPIS_BASE_URL}, else {@value #DEFAULT_BASE_URL}.
   * Other providers get only {@code --base-url} ({@link #flag}).
   *
   * @throws CliException (exit 2) when {@code TOAPIS_BASE_URL} is set but empty: a script meant for a test
   *     server must not reach the real service
   */
  static String baseUrl(String flag, CliContext context) {
    if (flag(flag) != null) {
      return flag(flag);
    }
    if (context.isBlankButSet(BASE_URL_VARIABLE)) {
      throw CliException.usage(BASE_URL_VARIABLE + " is set but empty; unset it to use " + DEFAULT_BASE_URL
          + ", or give the URL", "export " + BASE_URL_VARIABLE + "=https://… (or pass --base-url), or unset "
          + BASE_URL_VARIABLE + "; nothing was sent");
    }
    return context.variable(BASE_URL_VARIABLE).orElse(DEFAULT_BASE_URL);
  }

  /** The value of {@code --base-url}, stripped, or null when it was not given. */
  static String flag(String flag) {
    return flag == null || flag.isBlank() ? null : flag.strip();
  }

  boolean isToApis() {
    return TOAPIS.equals(id);
  }

  boolean isMock() {
    return MOCK.equals(id);
  }

  /** The environment variable this provider's key is read from: {@link #keyVariableOf} its id. */
  String keyVariable() {
    return keyVariableOf(id);
  }

  /**
   * {@code <ID>_API_KEY}: the id upper-cased, each character other than a letter or digit as {@code _}
   * ({@code acme} reads {@code ACME_API_KEY}, {@code toapis} {@code TOAPIS_API_KEY}).
   */
  static String keyVariableOf(String id) {
    return id.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_API_KEY";
  }
}
