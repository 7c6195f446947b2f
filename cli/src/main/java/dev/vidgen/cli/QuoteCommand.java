package dev.vidgen.cli;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vidgen quote JOB}: what a job would cost; validates it first, sends nothing. */
@Command(name = "quote", sortOptions = false,
    description = "Show what a job would cost, in credits and US dollars; validates it first, sends nothing.")
final class QuoteCommand extends ClientCommand {
  @Mixin JobOptions job;

  @Override
  int run(Session session, Output output) {
    VideoJob videoJob = job.toJob(session.context());
    VidgenClient client = session.offlineClient();
    LiveRetiredCheck.requireValid(session, client, videoJob, output);
    PriceQuote quote = client.quote(videoJob);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", quote.model());
    json.putAll(Views.quoteJson(quote));
    json.put("known", quote.isKnown());
    output.object(json);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("model", quote.model());
    // An unknown price already says why in its own line.
    fields.put("price", quote.isKnown() ? Views.price(quote) : "unknown");
    fields.put("basis", quote.basis());
    output.fields(fields);
    return ExitCodes.DONE;
  }
}
