/**
 * Batches: a jobs file read and checked ({@link dev.vidgen.batch.BatchFile}), priced
 * ({@link dev.vidgen.batch.BatchPlan}) and run through a durable journal
 * ({@link dev.vidgen.batch.BatchRunner}), so that a crash loses nothing and pays nothing twice.
 */
package dev.vidgen.batch;
