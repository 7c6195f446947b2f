package dev.vidgen.core.port;

import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds an API key pasted into a job's text (the prompt, an input's link, a parameter's name or value), in
 * clear or encoded, as {@code text.holds_api_key} errors that never show the key. The client's validation
 * runs it for every provider on the keys {@link VideoProvider#keysJobsMayNotHold()} names; a provider may
 * call it too, as a backstop in {@code create} for a caller that skipped validation.
 */
public final class KeyInJob {
  private KeyInJob() {}

  /**
   * One error per place of {@code job} that holds {@code key}, where output would mask it: a key too short to be a
   * real one (a stand-in such as {@code k}) only where it stands as a whole word, as {@link ApiKey#maskIn} masks it.
   */
  public static List<Violation> find(VideoJob job, ApiKey key) {
    List<Violation> found = new ArrayList<>();
    check("prompt", job.prompt(), key, found);
    for (int i = 0; i < job.images().size(); i++) {
      ImageInput image = job.images().get(i);
      check("images[" + i + "]", image instanceof ImageInput.Remote remote ? remote.url().toString()
          : ((ImageInput.Local) image).path().toString(), key, found);
    }
    for (int i = 0; i < job.videos().size(); i++) {
      check("videos[" + i + "]", job.videos().get(i).toString(), key, found);
    }
    checkParams(job.params(), key, found);
    return found;
  }

  /** {@link #find(VideoJob, ApiKey)} for an extend or remix as asked for: its prompt and its parameters. */
  public static List<Violation> find(FollowOn followOn, ApiKey key) {
    return find(followOn.prompt(), followOn.params(), key);
  }

  /** {@link #find(VideoJob, ApiKey)} for an extend or remix ready to create: its prompt and its parameters. */
  public static List<Violation> find(FollowOnRequest request, ApiKey key) {
    return find(request.prompt(), request.params(), key);
  }

  private static List<Violation> find(String prompt, Map<String, Object> params, ApiKey key) {
    List<Violation> found = new ArrayList<>();
    check("prompt", prompt, key, found);
    checkParams(params, key, found);
    return found;
  }

  /** Each parameter's name and value, as {@code params.NAME}. */
  private static void checkParams(Map<String, Object> params, ApiKey key, List<Violation> found) {
    for (Map.Entry<String, Object> param : params.entrySet()) {
      checkValue("params." + param.getKey(), param.getKey(), key, found);
      checkValue("params." + param.getKey(), param.getValue(), key, found);
    }
  }

  private static void checkValue(String field, Object value, ApiKey key, List<Violation> found) {
    if (value instanceof String text) {
      check(field, text, key, found);
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        checkValue(field + "[" + i + "]", list.get(i), key, found);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String inner = field + "." + entry.getKey();
        checkValue(inner, String.valueOf(entry.getKey()), key, found);
        checkValue(inner, entry.getValue(), key, found);
      }
    }
  }

  /**
   * The words that refuse {@code given}, a task id (or a handle or client reference naming a task) that holds one of
   * {@code keys} in any form {@link #find} looks for, as {@code what} (such as {@code TASK_ID}); empty when it holds
   * none. Such text would go out in the address of a status read, which servers and proxies keep in their logs.
   */
  public static Optional<String> inTaskId(String what, String given, Collection<ApiKey> keys) {
    if (given == null || keys == null) {
      return Optional.empty();
    }
    String seen = SafeText.withoutInvisible(given);
    for (ApiKey key : keys) {
      if (key != null && holds(seen, key.maskIn(seen), key)) {
        return Optional.of(what + " holds the API key (shown " + key.masked() + "): a task id goes into the address"
            + " of each status read, which servers and proxies keep in their logs, so it is not read; nothing was"
            + " sent");
      }
    }
    return Optional.empty();
  }

  /** Whether {@code seen} holds {@code key}, given what {@link ApiKey#maskIn} made of it ({@code masked}). */
  private static boolean holds(String seen, String masked, ApiKey key) {
    // isIn is given what maskIn made of the same text, so that it does not run the masks over it again.
    return !masked.equals(seen) || key.isIn(seen, masked);
  }

  private static void check(String field, String text, ApiKey key, List<Violation> found) {
    if (text == null || found.stream().anyMatch(v -> v.field().equals(field))) {
      return;
    }
    // The key in any form, or its secret part without its prefix, even encoded, also where invisible characters (a
    // zero-width space) were put inside it.
    String seen = SafeText.withoutInvisible(text);
    String masked = key.maskIn(seen);
    if (holds(seen, masked, key)) {
      // What masking left may still hold it (in another case, percent-encoded): then it is not shown at all.
      String shown = key.isIn(masked) ? "(not shown: it holds the API key)"
          : SafeText.clip(SafeText.clean(masked), 120);
      found.add(Violation.error(field, ViolationCodes.TEXT_HOLDS_API_KEY, shown,
          "text without the API key",
          field + " holds the API key (shown " + key.masked() + "): it would be sent to the provider, passed on "
              + "to the model's vendor and kept in the history; remove it"));
    }
  }
}
