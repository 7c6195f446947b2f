/**
 * Internals of the ToAPIs provider: the Retrofit interface, Moshi wire records, the request body
 * builder and the error mapper. Not API: anything here may change without notice.
 */
package dev.vidgen.provider.toapis.internal;
