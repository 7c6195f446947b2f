package dev.vidgen.cli;

import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.Plural;
import dev.vidgen.serve.history.HistoryEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tasks {@code vidgen history} lists add up to, read from their {@code --json} entries so that the totals
 * are the sums a script gets: completed tasks of a known price, those of an unknown price, and what may or may not
 * have been charged (failed tasks, creates without an answer, earlier takes). The mock's tasks are counted apart,
 * in no sum: the mock charges nothing.
 */
record HistoryTotals(int listed, BigDecimal creditsCompleted, int pricedCompleted, int unpricedCompleted,
    BigDecimal creditsChargeUnknown, int unpricedTasks, int mockTasks) {

  /** What {@code price} says of an entry whose price vidgen does not know: no total counts it. */
  static final String UNKNOWN_PRICE = "unknown";

  /** The totals of {@code tasks}, the entries as {@code history --json} lists them. */
  static HistoryTotals of(List<Map<String, Object>> tasks) {
    BigDecimal completed = BigDecimal.ZERO;
    BigDecimal chargeUnknown = BigDecimal.ZERO;
    int priced = 0;
    int unpricedCompleted = 0;
    int unpriced = 0;
    int mock = 0;
    for (Map<String, Object> task : tasks) {
      if (ProviderChoice.MOCK.equals(task.get("provider"))) {
        mock++; // its price is what the job would cost on a real provider, not a spend
        continue;
      }
      if (UNKNOWN_PRICE.equals(task.get("price"))) {
        unpriced++;
      }
      // Earlier takes that may each be a paid task are counted on their task's entry, whatever its status.
      chargeUnknown = chargeUnknown.add(amount(task.get("possible_extra_credits")));
      if (!pricedOnItsOwn(task)) {
        continue;
      }
      BigDecimal credits = amount(task.get("credits"));
      if ("completed".equals(task.get("status"))) {
        if (task.get("credits") == null) {
          unpricedCompleted++;
        } else {
          priced++;
          completed = completed.add(credits);
        }
      } else if (Views.FAILED_CHARGE.equals(task.get("charge"))) {
        // An unknown create's worst case is what its takes not claimed yet may cost; a failed task's is its quote.
        chargeUnknown = chargeUnknown.add(task.containsKey("credits_at_most")
            ? amount(task.get("credits_at_most")) : credits);
      }
    }
    return new HistoryTotals(tasks.size(), completed, priced, unpricedCompleted, chargeUnknown, unpriced, mock);
  }

  /**
   * Whether {@code task}'s own price counts: not a create found later or a take counted on another entry, not a create
   * closed with no task, and not a run whose create has not left yet.
   */
  static boolean pricedOnItsOwn(Map<String, Object> task) {
    Object status = task.get("status");
    return !HistoryEntry.FOUND.equals(status) && !HistoryEntry.CLOSED.equals(status) && !task.containsKey("counted_on")
        && !Boolean.TRUE.equals(task.get("running"));
  }

  /** The totals as the top-level fields of {@code history --json}. */
  Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("credits_completed", Views.usdJson(creditsCompleted));
    json.put("usd_completed", Views.usdJson(PriceQuote.usdOf(creditsCompleted)));
    json.put("unpriced_completed", unpricedCompleted);
    json.put("credits_charge_unknown", Views.usdJson(creditsChargeUnknown));
    json.put("usd_charge_unknown", Views.usdJson(PriceQuote.usdOf(creditsChargeUnknown)));
    json.put("unpriced_tasks", unpricedTasks);
    json.put("mock_tasks", mockTasks);
    return json;
  }

  /** The line under the table: "Total of the 3 tasks listed: 40 credits ($0.20) for 2 completed tasks; …". */
  String line() {
    List<String> parts = new ArrayList<>();
    parts.add("Total of the " + Plural.count(listed, "task") + " listed: " + Views.credits(creditsCompleted) + " ("
        + Views.usd(PriceQuote.usdOf(creditsCompleted)) + ") for " + Plural.count(pricedCompleted, "completed task")
        + " of known price");
    if (unpricedCompleted > 0) {
      parts.add(Plural.count(unpricedCompleted, "completed task") + " of unknown price not counted (charged, by how"
          + " much vidgen does not know)");
    }
    if (creditsChargeUnknown.signum() > 0) {
      parts.add("charge unknown, not counted: up to " + Views.credits(creditsChargeUnknown) + " ("
          + Views.usd(PriceQuote.usdOf(creditsChargeUnknown)) + ") for failed tasks, creates without an answer and"
          + " earlier takes");
    }
    int otherUnpriced = unpricedTasks - unpricedCompleted;
    if (otherUnpriced > 0) {
      parts.add(Plural.count(otherUnpriced, "other task") + " of unknown price");
    }
    if (mockTasks > 0) {
      parts.add("on the mock: " + Plural.count(mockTasks, "task") + ", nothing charged, not counted");
    }
    return String.join("; ", parts) + ".";
  }

  private static BigDecimal amount(Object value) {
    if (value == null) {
      return BigDecimal.ZERO;
    }
    return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
  }
}
