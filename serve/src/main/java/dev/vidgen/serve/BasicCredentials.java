package dev.vidgen.serve;

import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.RequestPreview;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * What a preview's {@code Authorization: Basic} value holds, as far as a copied cURL command can write it
 * from the key's variable: the key alone, the key with an empty password ({@code key:}), or anything else.
 */
enum BasicCredentials {
  /** The credentials are exactly the key. */
  KEY,
  /** The credentials are the key and a colon: the key as the user name, with an empty password. */
  KEY_AND_EMPTY_PASSWORD,
  /** Not a Basic value, not one of the two above, or no key to compare with (a provider that masked its own). */
  OTHER;

  /** What {@code made}'s {@code Authorization} header (any case), as the provider made it, holds; OTHER without {@code key}. */
  static BasicCredentials of(RequestPreview made, ApiKey key) {
    if (made == null || key == null) {
      return OTHER;
    }
    for (Map.Entry<String, String> header : made.headers().entrySet()) {
      String value = header.getValue() == null ? "" : header.getValue().strip();
      if (header.getKey().equalsIgnoreCase("Authorization") && value.toLowerCase(Locale.ROOT).startsWith("basic ")) {
        String credentials = decoded(value.substring("basic ".length()).strip());
        if (key.reveal().equals(credentials)) {
          return KEY;
        }
        if ((key.reveal() + ":").equals(credentials)) {
          return KEY_AND_EMPTY_PASSWORD;
        }
      }
    }
    return OTHER;
  }

  /** {@code base64} decoded in either alphabet, padded or not; null when it is not Base64. */
  private static String decoded(String base64) {
    for (Base64.Decoder decoder : new Base64.Decoder[] {Base64.getDecoder(), Base64.getUrlDecoder()}) {
      try {
        return new String(decoder.decode(base64), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notThisAlphabet) {
        // The other alphabet may take it.
      }
    }
    return null;
  }
}
