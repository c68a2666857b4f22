/**
 * Executing calls: programs loaded in isolated class loaders, methods resolved to cached method
 * handles and codecs, a bounded pool of slots, and the outcome of each call as an InvocationResult.
 */
package dev.farcall.worker.invoke;
