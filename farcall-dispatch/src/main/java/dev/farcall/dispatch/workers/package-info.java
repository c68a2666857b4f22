/**
 * Which workers are alive: the {@link dev.farcall.dispatch.workers.WorkerRegistry} judges each
 * worker from the age of its last heartbeat, fed by a {@link
 * dev.farcall.dispatch.workers.HeartbeatListener} on the heartbeats topic. The coordinator shows it
 * over REST; every dispatcher (the coordinator's and each run driver's) keeps its own.
 */
package dev.farcall.dispatch.workers;
