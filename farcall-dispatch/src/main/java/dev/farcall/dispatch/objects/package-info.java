/**
 * Remote objects on the caller's side: creating them on a worker, calling them at most once in each
 * caller's order through the dispatch core, and what happens when their worker dies (restarts,
 * typed losses). Used by run drivers and by the coordinator's REST objects.
 */
package dev.farcall.dispatch.objects;
