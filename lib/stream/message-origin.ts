// When the upstream change behind a wire message arrived: a side channel for the event->send
// latency metric (lib/metrics), kept off the message itself so nothing of it reaches the browser.
// SetStream marks the messages it builds from cache changes; readers get undefined for any
// other message (status, replays of unmarked ones, snapshots built for a resync).

const ORIGIN = new WeakMap<object, number>();

/** Records that `message` was caused by a change first seen at `at` (clock ms). */
export function markOrigin(message: object, at: number): void {
  ORIGIN.set(message, at);
}

export function originOf(message: object): number | undefined {
  return ORIGIN.get(message);
}
