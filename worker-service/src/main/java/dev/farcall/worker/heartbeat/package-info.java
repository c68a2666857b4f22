/** Worker heartbeats: liveness, load and partition assignment, reported to the coordinator. */
package dev.farcall.worker.heartbeat;
