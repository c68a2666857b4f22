/**
 * The coordinator's use of the dispatch core ({@code farcall-dispatch}): its settings ({@code
 * farcall.dispatch.*}), the dispatcher that serves REST invocations on the shared replies topic,
 * and its Micrometer meters.
 */
package dev.farcall.coordinator.dispatch;
