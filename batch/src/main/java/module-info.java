/**
 * Batches: jobs files, the planner, the resumable runner, the journal port {@link
 * dev.vidgen.batch.journal.JobStore} and an in-memory journal.
 */
module dev.vidgen.batch {
  requires transitive dev.vidgen.core;
  // Worker names are made of the host and the process id.
  requires java.management;
  // A listener that throws is logged, as the client logs its own.
  requires org.slf4j;

  exports dev.vidgen.batch;
  exports dev.vidgen.batch.journal;
}
