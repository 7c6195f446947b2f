package dev.vidgen.cli;

import dev.vidgen.core.domain.RouteCatalog;
import java.util.Iterator;

/**
 * The built-in model ids and their aliases (every name a job may give, such as {@code
 * gemini_omni_flash}), offered by shell completion for {@code --model}.
 */
final class ModelIds implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return RouteCatalog.builtIn().routes().stream().flatMap(route -> route.names().stream()).distinct().iterator();
  }
}
