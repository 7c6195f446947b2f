package dev.vidgen.cli;

import dev.vidgen.core.port.VideoProviders;
import java.util.Iterator;

/**
 * The provider ids the class path holds (toapis, mock and any added with {@code VIDGEN_CLASSPATH}), each once and
 * sorted, read when the help or a completion script is made; a factory that failed to load is left out.
 */
final class ProviderIds implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return VideoProviders.availableIds().stream().distinct().iterator();
  }
}
