/**
 * Batches: jobs files, the planner, the resumable runner, the journal port {@link
 * dev.vidgen.batch.journal.JobStore} and an in-memory journal.
 */
module dev.vidgen.batch {
  requires transitive dev.vidgen.core;
  // Worker names are made of the host and the process id.
  requires java.management;

  exports dev.vidgen.batch;
  exports dev.vidgen.batch.journal;
}
