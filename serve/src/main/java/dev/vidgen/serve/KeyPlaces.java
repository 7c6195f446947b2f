package dev.vidgen.serve;

import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.RequestPreview;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a provider's preview carries the key itself, masked as {@link ApiKey#masked()} or in clear: the headers (other
 * than {@code Authorization}, which the copy handles by its scheme) and the URL, where a copied cURL may put the key's
 * variable instead. A key shown encoded (Base64, percent-encoded) is masked on the page too, but is no such place.
 *
 * @param masked the key's masked form, as the page shows it ({@code hq-…})
 * @param headers the names of the headers whose value holds the key
 * @param url whether the URL holds it
 */
record KeyPlaces(String masked, Set<String> headers, boolean url) {
  /** No places known: a preview shown without the key it was made with. */
  static final KeyPlaces NONE = new KeyPlaces(null, Set.of(), false);

  KeyPlaces {
    headers = Set.copyOf(headers);
  }

  /** The places of {@code key} in the provider's own preview {@code raw} (before the page masks it); none without a key. */
  static KeyPlaces of(RequestPreview raw, ApiKey key) {
    if (raw == null || key == null) {
      return NONE;
    }
    String masked = key.masked();
    Set<String> headers = new TreeSet<>();
    raw.headers().forEach((name, value) -> {
      if (!name.equalsIgnoreCase("Authorization") && holds(value, key, masked)) {
        headers.add(key.maskIn(name));
      }
    });
    return new KeyPlaces(masked, headers, holds(raw.url(), key, masked));
  }

  private static boolean holds(String text, ApiKey key, String masked) {
    return text != null && (text.contains(masked) || text.contains(key.reveal()));
  }
}
