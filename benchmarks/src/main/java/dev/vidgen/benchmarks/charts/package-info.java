/** SVG charts of a bench run, drawn with XChart from {@code summary.json}. */
package dev.vidgen.benchmarks.charts;
