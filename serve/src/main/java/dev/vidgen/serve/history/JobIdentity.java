package dev.vidgen.serve.history;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.RequestPreview;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** What makes two jobs the same job to a provider, for {@link TaskHistory#sameJob}. */
public final class JobIdentity {
  private JobIdentity() {}

  /**
   * The request {@code client} would send for a job, as its dry run shows it (the mode
   * resolved, defaults filled in), with the job's local images and videos by path, since the body
   * names an upload by its file name only, and long inline {@code data:} URLs shortened as the
   * history keeps them. A job the client cannot preview (an invalid one, say) is known by its settings.
   * {@link TaskHistory#sameJob} hands it an earlier job whose inputs matched by content with this
   * run's files in their place, so that the same bytes under another name preview the same.
   */
  public static Function<VideoJob, Object> asSent(VidgenClient client) {
    Objects.requireNonNull(client, "client == null");
    return job -> {
      Map<String, Object> settings = HistoryEntry.settingsOf(job);
      try {
        // Previewed under the route's id, so naming the model by an alias is still the same job.
        VideoJob canonical = client.catalog().find(job.model()).map(route -> job.withModel(route.id())).orElse(job);
        RequestPreview preview = client.preview(canonical);
        // The body as a tree, each long data: URL in it shortened as the history keeps it, so that a job read back
        // from the history is the same as the one it was made from.
        Object body = InlineData.shortened(dev.vidgen.core.json.JsonTrees.tryParse(preview.body()).orElse(preview.body()));
        return List.of(preview.method(), preview.url(), body, settings.get("images"), settings.get("videos"));
      } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError unpreviewable) {
        // A provider's preview that fails (its own Error too) leaves the job known by its settings; the submit says the rest.
        return settings;
      }
    };
  }

  /**
   * {@code identity}, each job's value worked out once: for a check that looks at the history more
   * than once (a create still on its way first, then any take), so that a busy day's history is
   * previewed once, not at every look.
   */
  public static Function<VideoJob, Object> remembered(Function<VideoJob, ?> identity) {
    return identity instanceof RememberedIdentity already ? already : new RememberedIdentity(identity);
  }
}
