package dev.vidgen.cli;

import dev.vidgen.core.port.VideoProviders;
import dev.vidgen.core.text.SafeText;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The provider ids the class path holds (toapis, mock and any added with {@code VIDGEN_CLASSPATH}), each once and
 * sorted, read when the help or a completion script is made. A factory that failed to load is no id to complete, so
 * the help names it apart, after the ids (see {@link HelpTexts}).
 */
final class ProviderIds implements Iterable<String> {
  /** The help's words after the ids: "; failed to load: …" for each factory that failed, else nothing. */
  static final String LOAD_FAILURES_KEY = "vidgen.provider.load-failures";
  /** How the {@code --provider} description names them, empty when no texts are set. */
  static final String LOAD_FAILURES = "${bundle:" + LOAD_FAILURES_KEY + ":-}";

  @Override
  public Iterator<String> iterator() {
    return VideoProviders.availableIds().stream().distinct().iterator();
  }

  /**
   * The texts the help reads beside the ids: the provider factories that failed to load, each with its cause and
   * every {@code *_API_KEY} value of the environment masked, read only when a help is printed.
   */
  static final class HelpTexts extends ResourceBundle {
    private final Map<String, String> env;
    private String loadFailures;

    HelpTexts(Map<String, String> env) {
      this.env = env;
    }

    @Override
    protected synchronized Object handleGetObject(String key) {
      if (!LOAD_FAILURES_KEY.equals(key)) {
        return null;
      }
      if (loadFailures == null) {
        StringBuilder said = new StringBuilder();
        ProviderLoadFailures.of(env).forEach(failure -> said.append("; failed to load: ")
            .append(SafeText.clip(failure, 240)));
        loadFailures = said.toString();
      }
      return loadFailures;
    }

    @Override
    public Enumeration<String> getKeys() {
      return Collections.enumeration(handleKeySet());
    }

    @Override
    protected Set<String> handleKeySet() {
      return Set.of(LOAD_FAILURES_KEY);
    }
  }
}
