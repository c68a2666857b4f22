/**
 * Sends invocations to workers over Kafka and hands each caller exactly one outcome: chooses a
 * partition of a live, lightly loaded worker, tracks every in-flight call in a bounded pending
 * table, completes callers from the replies topic (dropping duplicate replies), resends calls whose
 * worker turned SUSPECT/DEAD or whose attempt timed out, and fails calls whose deadline passed.
 */
package dev.farcall.coordinator.dispatch;
