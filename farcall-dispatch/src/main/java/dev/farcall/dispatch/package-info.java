/**
 * The dispatch core, plain Java: {@link dev.farcall.dispatch.CallDispatcher} sends calls to workers
 * over Kafka and gives every caller one outcome (batching lanes, a bounded pending table,
 * deadlines, resends to another worker on a worker's death, deduplicated replies). The run driver
 * and the coordinator's REST invocations both reach workers through its {@link
 * dev.farcall.dispatch.RemoteInvoker} interface, each with a reply address of its own.
 */
package dev.farcall.dispatch;
