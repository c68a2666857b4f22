/**
 * Small programs for explicit remote invocation: methods with records, lists and checked results
 * that the tests, the tour in the README and the benchmarks invoke over REST.
 */
package dev.farcall.examples.invoke;
