/**
 * Contract tests every provider passes: {@link dev.vidgen.testkit.VideoProviderContract} and
 * {@link dev.vidgen.testkit.VideoProviderFactoryContract}.
 */
package dev.vidgen.testkit;
