/** The local record of submitted tasks behind {@code vidgen history} and the playground's history. */
package dev.vidgen.serve.history;
