package dev.vidgen.serve;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.serve.history.TaskHistory;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to run a {@link Playground}.
 *
 * @param client the client every check, price, preview and job goes through (not closed by the playground)
 * @param bindAddress the interface to listen on, such as {@code 127.0.0.1}
 * @param port the port, or 0 for any free one
 * @param folder where uploads ({@code uploads/}) and videos ({@code videos/}) are kept
 * @param history the task history the page shows and adds to, the key masked in the error text it keeps
 * @param defaultModel the model the page starts with (when the catalog has it)
 * @param commandOptions options the "copy as vidgen command" text ends with, such as {@code --provider mock}
 * @param keyVariable the environment variable the provider's key is read from, which the page's cURL command
 *     names ({@code TOAPIS_API_KEY}, {@code ACME_API_KEY}); never the key itself
 * @param apiKey the provider's key, so that the page can mask it wherever a provider's preview shows it; may be null
 * @param routeFiles the route files the client's catalog came from, which the playground reads again when they
 *     change; null: the client's catalog stays as it is
 * @param token the secret every request must carry (the address {@link Playground#url} holds it); null: a random one
 */
public record PlaygroundSettings(
    VidgenClient client,
    String bindAddress,
    int port,
    Path folder,
    TaskHistory history,
    String defaultModel,
    List<String> commandOptions,
    String keyVariable,
    ApiKey apiKey,
    FollowedRouteFiles routeFiles,
    PlaygroundToken token) {

  public PlaygroundSettings {
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(bindAddress, "bindAddress == null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
    }
    folder = Objects.requireNonNull(folder, "folder == null").toAbsolutePath().normalize();
    // The history outlives the page, which masks the key: a provider's words that echo it are masked there too.
    history = Objects.requireNonNull(history, "history == null").hiding(apiKey == null ? List.of() : List.of(apiKey));
    commandOptions = List.copyOf(commandOptions == null ? List.of() : commandOptions);
    keyVariable = keyVariable == null || keyVariable.isBlank() ? DEFAULT_KEY_VARIABLE : keyVariable;
    token = token == null ? PlaygroundToken.random() : token;
  }

  /** Settings whose token is a random one, made now. */
  public PlaygroundSettings(VidgenClient client, String bindAddress, int port, Path folder, TaskHistory history,
      String defaultModel, List<String> commandOptions, String keyVariable, ApiKey apiKey,
      FollowedRouteFiles routeFiles) {
    this(client, bindAddress, port, folder, history, defaultModel, commandOptions, keyVariable, apiKey, routeFiles,
        null);
  }

  /** Settings whose client's catalog stays as it is while the playground runs (no route files followed). */
  public PlaygroundSettings(VidgenClient client, String bindAddress, int port, Path folder, TaskHistory history,
      String defaultModel, List<String> commandOptions, String keyVariable, ApiKey apiKey) {
    this(client, bindAddress, port, folder, history, defaultModel, commandOptions, keyVariable, apiKey, null);
  }

  /** The variable ToAPIs' key is read from, named by the page's cURL command unless another is given. */
  public static final String DEFAULT_KEY_VARIABLE = "TOAPIS_API_KEY";

  /** Settings for the ToAPIs key's variable and no key to mask (a provider whose previews mask their own). */
  public PlaygroundSettings(VidgenClient client, String bindAddress, int port, Path folder, TaskHistory history,
      String defaultModel, List<String> commandOptions) {
    this(client, bindAddress, port, folder, history, defaultModel, commandOptions, DEFAULT_KEY_VARIABLE, null);
  }

  /** {@code text} with the key masked wherever it stands, in clear or encoded ({@link ApiKey#maskIn}); as given without a key. */
  String withoutKey(String text) {
    return apiKey == null ? text : apiKey.maskIn(text);
  }
}
