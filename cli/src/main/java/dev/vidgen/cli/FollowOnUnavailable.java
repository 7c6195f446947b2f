package dev.vidgen.cli;

import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A follow-on refused because its model is unavailable to the key (not in its live list, retired, refused by the
 * provider), in words that fit a follow-on: the provider takes an extend or a remix only on its task's own model, so
 * no other model is named; where the list has the model under another name, the route-file alias is.
 */
final class FollowOnUnavailable {
  /** The codes of a refusal of the model itself, which a job answers by choosing another and a follow-on cannot. */
  private static final Set<String> MODEL_REFUSALS = Set.of(ViolationCodes.MODEL_NOT_AVAILABLE,
      ViolationCodes.MODEL_RETIRED);
  /** Where the client's words turn from why the model is refused to which other model to choose. */
  private static final Pattern ADVICE = Pattern.compile(
      ", so it would be refused;|, so the provider would refuse it;|; give the job a model|; choose ");
  /** The client's words for a listed name that may be the model renamed (with the alias patch they advise). */
  private static final Pattern RENAMED = Pattern.compile("the key also lists (.+?), which the catalog has no route for"
      + " \\(the model under a new name\\?");

  /** The client's words for a retired route that the key's live list does not offer either. */
  private static final String UNLISTED = "this key's live model list does not offer it either";

  private FollowOnUnavailable() {}

  /** {@code check}'s answer; a refusal of the follow-on's model reworded for {@code kind} of task {@code task}. */
  static <T> T reworded(FollowOnKind kind, String task, Supplier<T> check) {
    try {
      return check.get();
    } catch (InvalidJobException refused) {
      throw reworded(kind, task, refused);
    }
  }

  /** {@code refused}, reworded when its only errors refuse the model; else as it is. */
  static InvalidJobException reworded(FollowOnKind kind, String task, InvalidJobException refused) {
    List<Violation> errors = refused.report().errors();
    if (errors.size() != 1 || !MODEL_REFUSALS.contains(errors.get(0).code())) {
      return refused;
    }
    Violation error = errors.get(0);
    String model = error.given();
    Matcher advice = ADVICE.matcher(error.message());
    if (model == null || !advice.find()) {
      return refused;
    }
    String why = error.message().substring(0, advice.start());
    boolean retiredOnly = error.code().equals(ViolationCodes.MODEL_RETIRED);
    // A retired route the key's list lacks too: allowing retired routes alone would meet the list's refusal.
    boolean unlisted = retiredOnly && error.message().contains(UNLISTED);
    String message = why + (unlisted ? ", and " + UNLISTED : "") + ", and the provider takes " + kind.withArticle()
        + " only on its task's own model: task " + task + "'s video cannot be " + kind.id() + "ed while " + model + " is unavailable to this key, and no other"
        + " model can take it" + renamedHint(model, error.message())
        + (retiredOnly ? " (if your provider still serves " + model + ", --allow-retired" + (unlisted
            ? " with --no-model-check sends it unchecked)" : " sends it all the same)")
            : " (if your provider still takes " + model + " unlisted, --no-model-check sends it unchecked)");
    List<Violation> violations = new ArrayList<>(refused.report().violations());
    violations.set(violations.indexOf(error), Violation.error(error.field(), error.code(), model, model, message));
    return new InvalidJobException(new ValidationReport(refused.report().model(), refused.report().mode(),
        violations));
  }

  /** The route-file alias for a listed name that may be {@code model} renamed, as the client's words found one. */
  private static String renamedHint(String model, String words) {
    Matcher renamed = RENAMED.matcher(words);
    if (!renamed.find()) {
      return "";
    }
    String listed = renamed.group(1).split(" and ")[0];
    return "; the key lists " + listed + ", which may be " + model + " under a new name: a route file with {\"patch\":"
        + " {\"" + model + "\": {\"aliases\": [\"" + listed + "\"]}}} (--routes FILE) sends that name for it"
        + " (docs/routes.md)";
  }

  /** The next step of a follow-on refused for its model: there is no other to choose. */
  static String next(FollowOnKind kind, String liveModelsCommand) {
    return "there is no other model to choose: " + kind.withArticle() + " goes only to its task's own model, so run"
        + " it again once " + liveModelsCommand + " marks that model as one this key may use";
  }
}
