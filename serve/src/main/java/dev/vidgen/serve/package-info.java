/** The playground behind {@code vidgen serve}: a local web page over {@code VidgenClient}. */
package dev.vidgen.serve;
