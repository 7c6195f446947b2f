package dev.vidgen.serve.history;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The batch a task of the history belongs to: its name in the journal and the journal that made and follows it
 * (a file's absolute path, or a database URL without its query or user info). The journal stays the batch's
 * record; the history's line lets {@code generate} and other batches see the task as the same job.
 *
 * @param name the batch's name in the journal ({@code --batch-name}, by default the jobs file's name)
 * @param journal where the journal is kept
 */
public record BatchOrigin(String name, String journal) {
  public BatchOrigin {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(journal, "journal == null");
  }

  /** For people: {@code jobs.jsonl (journal /home/me/jobs.journal)}. */
  public String words() {
    return name + " (journal " + journal + ")";
  }

  /** The origin as one JSON object: {@code name} and {@code journal}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("journal", journal);
    return json;
  }

  /** Reads what {@link #toJson()} wrote; null for none, or for a value that is not such an object. */
  static BatchOrigin fromJson(Object value) {
    if (value instanceof Map<?, ?> json && json.get("name") != null && json.get("journal") != null) {
      return new BatchOrigin(json.get("name").toString(), json.get("journal").toString());
    }
    return null;
  }
}
