/** {@link dev.vidgen.testkit.postgres.ThrowawayPostgres}: a PostgreSQL server made for one test run or bench run. */
package dev.vidgen.testkit.postgres;
