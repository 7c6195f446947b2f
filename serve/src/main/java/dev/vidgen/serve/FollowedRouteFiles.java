package dev.vidgen.serve;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.RouteCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The route files a {@link Playground} follows while it runs: before each check, model list and Generate it
 * notices a file changed (its modification time and size, its bytes while that time is recent), reads them
 * all again over the built-in routes, and sends from then on with a client on the new catalog.
 *
 * @param files the route files the settings' client was built from, in their order (VIDGEN_ROUTES, then --routes)
 * @param clients how a client on a newly read catalog is made
 */
public record FollowedRouteFiles(List<Path> files, ClientOnCatalog clients) {

  public FollowedRouteFiles {
    files = List.copyOf(Objects.requireNonNull(files, "files == null"));
    Objects.requireNonNull(clients, "clients == null");
  }

  /** Makes the client a playground sends with once its route files changed. */
  @FunctionalInterface
  public interface ClientOnCatalog {
    /**
     * A client like {@code previous} (its provider, settings and what its budget has left) on {@code catalog};
     * the playground closes it when it stops.
     */
    VidgenClient build(RouteCatalog catalog, VidgenClient previous);
  }
}
