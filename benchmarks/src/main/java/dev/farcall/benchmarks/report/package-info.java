/**
 * The benchmark report: the one writer of the results files ({@code
 * benchmarks/results/<area>.json}) and the generator that rewrites BENCHMARKS.md and its plots from
 * them ({@code benchmarks/report.sh}).
 */
package dev.farcall.benchmarks.report;
