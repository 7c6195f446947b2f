package dev.vidgen.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads one {@code --set KEY=VALUE}, a provider setting. The base URL is refused there: only {@code --base-url}
 * (or {@code TOAPIS_BASE_URL}) sets it, so that {@code --verbose}, the advice and the commands vidgen prints for
 * later name the server the requests went to.
 */
final class SetOption implements ITypeConverter<KeyValue> {

  @Override
  public KeyValue convert(String text) {
    KeyValue setting = KeyValue.parse("--set", text, "timeout.read=2m");
    if (isBaseUrl(setting.key())) {
      throw CliException.usage("--set " + setting.key() + " is not taken: the base URL is given with --base-url, which"
          + " --verbose, the advice and the commands vidgen prints for later repeat; nothing was sent",
          "give --base-url URL (for toapis, or export " + ProviderChoice.BASE_URL_VARIABLE + "=URL) instead of --set "
              + setting.key() + "=…");
    }
    return setting;
  }

  /** Whether {@code key} names a provider's address: {@code base_url}, or a provider's own, such as {@code acme.base_url}, in any case and with {@code -} or no {@code _}. */
  static boolean isBaseUrl(String key) {
    String name = key.strip().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    return name.equals("baseurl") || name.endsWith(".baseurl");
  }
}
