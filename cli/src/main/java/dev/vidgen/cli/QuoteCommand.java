package dev.vidgen.cli;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vidgen quote JOB}: what a job would cost; validates it first and sends no create. */
@Command(name = "quote", sortOptions = false,
    description = "Show what a job would cost, in credits and US dollars; validates it first and sends no create (it may"
        + " read the key's model list, which is free).")
final class QuoteCommand extends ClientCommand {
  @Mixin JobOptions job;

  @Override
  int run(Session session, Output output) {
    VideoJob videoJob = job.toJob(session.context());
    VidgenClient client = session.offlineClient();
    // The job's warnings (a retired route the key's list still offers, an undocumented parameter) are told as
    // validate and generate --dry-run tell them: the price alone would hide them.
    ValidationReport report = LiveRetiredCheck.requireValid(session, client, videoJob, output);
    report.warnings().forEach(warning -> output.note(Views.violationLine(warning)));
    PriceQuote quote = client.quote(videoJob);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", quote.model());
    json.put("mode", Views.modeId(report));
    json.putAll(Views.quoteJson(quote));
    json.put("known", quote.isKnown());
    json.put("warnings", Views.violationsJson(report.warnings()));
    boolean listRead = LiveRetiredCheck.readListFor(session, report);
    json.put("live_list_checked", listRead);
    output.object(json);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("model", quote.model());
    Views.modeField(videoJob, report, client.catalog()).ifPresent(mode -> fields.put("mode", mode));
    // An unknown price already says why in its own line.
    fields.put("price", quote.isKnown() ? Views.price(quote) : "unknown");
    fields.put("basis", quote.basis());
    output.fields(fields);
    if (!listRead && session.checksKeysModelList()) {
      // A price says nothing of whether the key may use the model: only generate --dry-run reads the key's list.
      output.line("checked against the catalog's rules only, not the key's live model list: vidgen generate"
          + " --dry-run also checks that this key may use " + report.model());
    }
    return ExitCodes.DONE;
  }
}
