package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How domain values read, for people and in {@code --json} (snake_case keys). */
final class Views {
  private Views() {}

  /** "$0.10": dollars with at least two decimals; an amount below zero (an overdrawn account) reads "-$0.025". */
  static String usd(BigDecimal usd) {
    return dev.vidgen.core.pricing.PriceQuote.usdInWords(usd);
  }

  /**
   * What {@code charge} says of a failed task: the provider does not document whether a failed task
   * is charged (ToAPIs settles refunds before it reports a failure, but does not say so), so its
   * quote is not what was spent.
   */
  static final String FAILED_CHARGE = "unknown";

  /** For people, after a failed task's quote: its charge is not known. */
  static final String FAILED_CHARGE_WORDS =
      "whether the provider charges a failed task is not documented, so the charge is unknown"
          + " (vidgen balance shows what is left)";

  /** "quoted 20 credits ($0.10), charge unknown" for a failed task, "unknown" without a price. */
  static String failedPrice(BigDecimal credits, BigDecimal usd) {
    return credits == null ? "unknown" : "quoted " + credits(credits) + " (" + usd(usd) + "), charge unknown";
  }

  /** "20 credits ($0.10)" or "price unknown (no price is documented)". */
  static String price(PriceQuote quote) {
    if (!quote.isKnown()) {
      return "price unknown (" + quote.basis() + ")";
    }
    return credits(quote.credits()) + " (" + usd(quote.usd()) + ")";
  }

  /** {@link #price} for a line already labelled "price": "20 credits ($0.10)" or "unknown (no price is documented)". */
  static String priceField(PriceQuote quote) {
    return quote.isKnown() ? price(quote) : "unknown (" + quote.basis() + ")";
  }

  /** The mode a report resolved the job to, as its id, or null when none could be told. */
  static String modeId(ValidationReport report) {
    return report.resolvedMode().map(GenerationMode::id).orElse(null);
  }

  /**
   * The mode line of a dry run or quote: the mode the job asked for, or the one read from its inputs
   * (said so, since a job with images may be sent as another mode than the user thought).
   */
  static java.util.Optional<String> modeField(VideoJob job, ValidationReport report, RouteCatalog catalog) {
    boolean choice = job.mode() == null
        && catalog.find(job.model()).map(route -> route.modes().size() > 1).orElse(false);
    return report.resolvedMode()
        .map(mode -> mode.id() + (choice ? " (from the inputs; --mode chooses another)" : ""));
  }

  /** "20 credits", "1 credit", "2.5 credits". */
  static String credits(BigDecimal credits) {
    String number = credits.stripTrailingZeros().toPlainString();
    return number + (credits.compareTo(BigDecimal.ONE) == 0 ? " credit" : " credits");
  }

  /**
   * "$0.10 for 10 s, $0.15 for 15 s" (a price per request of that duration, not per 10 seconds), "$0.01 per
   * second", "unknown".
   */
  static String priceTable(PriceTable table) {
    if (table instanceof PriceTable.PerRequest perRequest) {
      return perRequest.usdBySeconds().entrySet().stream()
          .map(e -> usd(e.getValue()) + " for " + e.getKey() + " s")
          .collect(Collectors.joining(", "));
    }
    if (table instanceof PriceTable.PerSecond perSecond) {
      return usd(perSecond.usdPerSecond()) + " per second";
    }
    if (table instanceof PriceTable.ByResolution byResolution) {
      return byResolution.byResolution().entrySet().stream()
          .map(entry -> entry.getKey() + ": " + priceTable(entry.getValue()))
          .collect(Collectors.joining("; "));
    }
    return "unknown";
  }

  /** The price table for {@code models --json}. */
  static Map<String, Object> priceTableJson(PriceTable table) {
    return dev.vidgen.core.json.PriceJson.table(table);
  }

  /** {@code credits}, {@code usd} and {@code basis} of a quote (null when unknown). */
  static Map<String, Object> quoteJson(PriceQuote quote) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("credits", quote.credits());
    json.put("usd", usdJson(quote.usd()));
    json.put("basis", quote.basis());
    return json;
  }

  /**
   * A dollar amount as every {@code --json} object writes it: a plain JSON number without trailing
   * zeros ({@code 0.1}, {@code 20}, {@code 0.005}, never {@code 0.10} or {@code 2E+1}); null stays null.
   */
  static BigDecimal usdJson(BigDecimal usd) {
    return dev.vidgen.core.json.PriceJson.amount(usd);
  }

  /** The task fields of {@code --json} output for a handle and (when read) its snapshot. */
  static Map<String, Object> taskJson(JobHandle handle, TaskSnapshot snapshot) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", handle.taskId().value());
    json.put("status", snapshot == null ? null : snapshot.status().id());
    json.put("progress", snapshot == null ? null : snapshot.progress());
    json.put("model", model(handle, snapshot));
    json.put("provider", handle.providerId());
    VideoAsset video = snapshot == null ? null : snapshot.video();
    json.put("video_url", video == null ? null : shownLink(video));
    json.put("expires_at", video == null || video.expiresAt() == null ? null : video.expiresAt().toString());
    if (snapshot != null && snapshot.resultProblem().isPresent()) {
      json.put("result", "unusable"); // completed and charged as such, with a link vidgen does not fetch
      json.put("result_problem", snapshot.resultProblem().get().message());
    }
    json.putAll(quoteJson(handle.quote()));
    if (snapshot != null && snapshot.status() == dev.vidgen.core.domain.TaskStatus.FAILED) {
      json.put("charge", FAILED_CHARGE); // credits and usd are the quote, not what was spent
    }
    if (handle.possibleExtraTasks() > 0) {
      json.put("possible_extra_tasks", handle.possibleExtraTasks()); // not counted in credits and usd
    }
    json.put("handle", handle.encode());
    return json;
  }

  /**
   * The task's model: the handle's (the history's, or the job's), else, for a bare task id the history
   * does not have, the one the provider's answer names; "unknown" when neither says.
   */
  static String model(JobHandle handle, TaskSnapshot snapshot) {
    boolean unknown = handle.model().equals(JobHandle.UNKNOWN_MODEL);
    return unknown && snapshot != null ? snapshot.reportedModel().orElse(handle.model()) : handle.model();
  }

  /** "in_progress 40%", "queued", "failed (generation_failed: ...)". */
  static String status(TaskSnapshot snapshot) {
    StringBuilder text = new StringBuilder(snapshot.status().id());
    if (!snapshot.status().isTerminal()) {
      snapshot.percent().ifPresent(p -> text.append(' ').append(p).append('%'));
      if (!snapshot.rawStatus().equalsIgnoreCase(snapshot.status().id())) {
        text.append(" (provider says ").append(snapshot.rawStatus()).append(')');
      }
    }
    if (snapshot.resultProblem().isPresent()) {
      text.append(" (its result link cannot be used)"); // the reason follows in the video field
    } else {
      snapshot.failureReason().ifPresent(f -> text.append(" (").append(f).append(')'));
    }
    return text.toString();
  }

  /**
   * After a task's price: that earlier takes of its create, answered with a server error and sent again
   * without a reference to look them up by, may each have made a paid task of their own.
   */
  static String extraTakes(JobHandle handle) {
    return handle.possibleExtraTasks() == 0 ? "" : "; " + extraTakes(handle, "see vidgen history");
  }

  /**
   * That earlier takes of {@code handle}'s create may each have made a paid task, up to what they may
   * cost, then {@code see} (where to look); for a handle of no such takes, only {@code see}.
   */
  static String extraTakes(JobHandle handle, String see) {
    int takes = handle.possibleExtraTasks();
    if (takes == 0) {
      return see;
    }
    return (takes == 1 ? "an earlier take of its create" : takes + " earlier takes of its create")
        + " (of unknown outcome, then sent again) may also have made a paid task"
        + (handle.quote().isKnown() ? ", up to " + credits(handle.quote().credits().multiply(BigDecimal.valueOf(takes)))
            + " more" : "") + ": " + see;
  }

  /**
   * A result link as vidgen shows it: whole but for its user info ({@code https://…@host/v.mp4}), a password the
   * server put there; its query stays, since a signed link needs it (and the download uses the link as given).
   */
  static String shownLink(VideoAsset video) {
    return dev.vidgen.core.text.SafeText.withoutUserInfo(video.url().toString());
  }

  /** The task fields for people. */
  static Map<String, String> taskFields(JobHandle handle, TaskSnapshot snapshot) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("task", handle.taskId().value());
    fields.put("status", snapshot == null ? null : status(snapshot));
    fields.put("model", model(handle, snapshot));
    fields.put("provider", handle.providerId());
    fields.put("price", priceField(handle.quote()) + extraTakes(handle));
    VideoAsset video = snapshot == null ? null : snapshot.video();
    if (video != null) {
      fields.put("video", shownLink(video)
          + video.expiry().map(at -> (at.isAfter(Instant.now()) ? " (link expires " : " (link expired ")
              + at.truncatedTo(ChronoUnit.SECONDS) + ")").orElse(""));
    }
    if (snapshot != null) {
      snapshot.resultProblem().ifPresent(problem -> fields.put("video", "none usable: " + problem.message()));
    }
    return fields;
  }

  /** One violation for {@code --json}. */
  static Map<String, Object> violationJson(Violation violation) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("field", violation.field());
    json.put("code", violation.code());
    json.put("message", CommandLineWords.of(violation.message()));
    json.put("severity", violation.severity().name().toLowerCase(Locale.ROOT));
    json.put("given", violation.given());
    json.put("allowed", violation.allowed());
    return json;
  }

  static List<Map<String, Object>> violationsJson(List<Violation> violations) {
    List<Map<String, Object>> list = new ArrayList<>();
    violations.forEach(v -> list.add(violationJson(v)));
    return list;
  }

  /** "error: seconds: 6 is not offered ...; choose 10 or 15". */
  static String violationLine(Violation violation) {
    return (violation.isError() ? "error: " : "warning: ") + CommandLineWords.of(violation.message());
  }

  /** "12 KB", "1.4 MB" for file sizes. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return (bytes + 512) / 1024 + " KB";
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
