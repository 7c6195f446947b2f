package dev.vidgen.core.text;

/** Counts in what vidgen says to people: "1 job", "2 jobs", "1 job is", "2 jobs are", never "job(s)". */
public final class Plural {
  private Plural() {}

  /** {@code count} and {@code one}, with an "s" unless the count is one: "1 job", "2 jobs", "0 jobs". */
  public static String count(long count, String one) {
    return count(count, one, one + "s");
  }

  /** {@code count} and {@code one} or {@code many}: "1 job has", "2 jobs have". */
  public static String count(long count, String one, String many) {
    return count + " " + word(count, one, many);
  }

  /** {@code one} when the count is one, else {@code many} ("was" or "were", "its" or "their"). */
  public static String word(long count, String one, String many) {
    return count == 1 ? one : many;
  }
}
