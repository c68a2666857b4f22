/**
 * Benchmarks of the adaptive policy: one decision round over 10,000 sites (JMH) and decision
 * quality at scale in the cluster simulator against the oracle and all-local.
 */
package dev.farcall.benchmarks.adaptive;
