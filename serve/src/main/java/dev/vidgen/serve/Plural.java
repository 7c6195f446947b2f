package dev.vidgen.serve;

/** Counts in what the playground says: "1 job", "2 jobs", "1 job is", "2 jobs are", never "job(s)". */
final class Plural {
  private Plural() {}

  /** {@code count} and {@code one}, with an "s" unless the count is one: "1 job", "2 jobs", "0 jobs". */
  static String count(long count, String one) {
    return count(count, one, one + "s");
  }

  /** {@code count} and {@code one} or {@code many}: "1 job has", "2 jobs have". */
  static String count(long count, String one, String many) {
    return count + " " + word(count, one, many);
  }

  /** {@code one} when the count is one, else {@code many} ("was" or "were", "its" or "their"). */
  static String word(long count, String one, String many) {
    return count == 1 ? one : many;
  }
}
