/** AssertJ assertions for vidgen values; start from {@link dev.vidgen.testkit.assertj.VidgenAssertions}. */
package dev.vidgen.testkit.assertj;
