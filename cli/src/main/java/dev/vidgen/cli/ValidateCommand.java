package dev.vidgen.cli;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.text.Plural;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vidgen validate JOB}: every problem with a job by the catalog's rules, sending no create (the key's model list
 * is read, for free, only for a retired model or one the catalog lacks).
 */
@Command(name = "validate", sortOptions = false,
    description = "Check a job against its model's rules in the catalog and list every problem; sends no create (it"
        + " reads the key's model list only for a retired model or one the catalog lacks).")
final class ValidateCommand extends ClientCommand {
  @Mixin JobOptions job;

  @Override
  int run(Session session, Output output) {
    VideoJob videoJob = job.toJob(session.context());
    ValidationReport report = LiveRetiredCheck.requireValid(session, session.offlineClient(), videoJob, output);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", report.model());
    json.put("mode", report.resolvedMode().map(m -> m.id()).orElse(null));
    json.put("valid", true);
    json.put("violations", Views.violationsJson(report.violations()));
    boolean listRead = LiveRetiredCheck.readListFor(session, report);
    json.put("live_list_checked", listRead);
    output.object(json);
    for (Violation warning : report.warnings()) {
      output.note(Views.violationLine(warning));
    }
    output.line("valid: " + report.model() + report.resolvedMode().map(m -> " (" + m.id() + ")").orElse("")
        + (report.warnings().isEmpty() ? "" : ", " + Plural.count(report.warnings().size(), "warning") + " on stderr")
        + "; see the price with vidgen quote");
    if (!listRead && session.checksKeysModelList()) {
      // validate checks the catalog's rules; only a retired route has it read the key's list.
      output.line("checked against the catalog's rules only, not the key's live model list: vidgen generate"
          + " --dry-run also checks that this key may use " + report.model());
    }
    return ExitCodes.DONE;
  }
}
