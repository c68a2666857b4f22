/**
 * Remote objects held by this worker: a bounded table, each object's calls run one at a time in
 * arrival order, closing, and ending with the run that created them.
 */
package dev.farcall.worker.objects;
