package dev.vidgen.cli;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import java.util.Iterator;

/** The built-in model ids, offered by shell completion for {@code --model}. */
final class ModelIds implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return RouteCatalog.builtIn().routes().stream().map(ModelRoute::id).iterator();
  }
}
