/**
 * Live events for the dashboard: {@code GET /api/v1/events}, server-sent events.
 *
 * <p>{@link dev.farcall.coordinator.events.EventHub} keeps the most recent events in a bounded ring
 * buffer, each with an id ({@code <epoch>-<sequence>}, the epoch naming this coordinator's start),
 * and fans every new event out to its subscribers, each through a bounded queue of its own. The hub
 * never waits for a subscriber: one whose queue is full is dropped (its stream ends) and may
 * reconnect with {@code Last-Event-ID} to resume from the buffer. Each subscriber is written by a
 * thread of its own, so a client that does not read blocks only that thread.
 *
 * <p>The hub is fed by Spring application events of the other features ({@code EventFeed}): a
 * stored or deleted program, a finished analysis, a new plan version, a run started or finished, a
 * flipped site, a worker's changed status. A run's output and live stats have no application event;
 * {@code RunTail} polls the runs API for them while a run goes.
 *
 * <p>Events are in memory only: after a restart a client's {@code Last-Event-ID} names another
 * epoch, and it gets a {@code reset} event telling it to reload what it shows from the REST API,
 * where all history lives.
 */
package dev.farcall.coordinator.events;
