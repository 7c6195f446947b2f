/**
 * Batches: a jobs file read and checked ({@link dev.vidgen.core.batch.BatchFile}), priced
 * ({@link dev.vidgen.core.batch.BatchPlan}) and run through a durable journal
 * ({@link dev.vidgen.core.batch.BatchRunner}), so that a crash loses nothing and pays nothing twice.
 */
package dev.vidgen.core.batch;
