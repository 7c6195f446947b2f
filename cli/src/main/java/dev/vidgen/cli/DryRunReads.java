package dev.vidgen.cli;

/** A dry run's first line: no create was sent, and only the free reads it made are named. */
final class DryRunReads {
  private DryRunReads() {}

  /** The line for a dry run that read the key's model list ({@code modelList}) and the balance ({@code balance}). */
  static String line(boolean modelList, boolean balance) {
    if (modelList && balance) {
      return "dry run: no create was sent (only free reads, such as the model list and the balance)";
    }
    if (modelList || balance) {
      return "dry run: no create was sent (only a free read of the " + (modelList ? "model list" : "balance") + ")";
    }
    return "dry run: nothing was sent (no create, and no read of a model list or a balance)";
  }
}
