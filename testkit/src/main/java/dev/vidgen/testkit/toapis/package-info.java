/**
 * {@link dev.vidgen.testkit.toapis.FakeToApisServer}: an in-process ToAPIs on loopback that
 * follows the documented API (auth, wire rules, task lifecycle, uploads, result files, balance)
 * and injects faults on request. Also runs as a separate process through its {@code main}.
 */
package dev.vidgen.testkit.toapis;
