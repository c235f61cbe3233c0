'use client';

// Keeps a scrolling list at its bottom while new rows arrive, unless the user scrolled up.
// Contract: after each commit it scrolls to the bottom in the next animation frame (at most once
// per frame, however many commits came in between), and never reads layout in between: the
// forced synchronous layout of `scrollTop = scrollHeight` after every commit is what made a
// storm of changes cost long tasks. Following stops only on a scroll UP the user made (wheel,
// keys, a pointer or finger on the list or its scrollbar), not on scrolls that layout causes (a
// sliding window, scroll anchoring, clamping), which arrive a frame late and would read as "away".
// It starts again when the user scrolls back to the bottom or calls jump(). While a replay runs
// (currentSeq set) it does not scroll, so the replay's entry stays in view.
// Limit: a scroll up with no input event on the list (find-in-page, a screen reader moving its
// cursor) does not stop following; the next change brings the list back to the bottom.

import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type WheelEvent } from 'react';

const NEAR_BOTTOM_PX = 24;
/** A scroll up this soon after an upward wheel or key press is the user's. */
const INTENT_MS = 800;
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

export interface FollowOptions {
  /** The entry a replay is at; null when not replaying. */
  currentSeq: number | null;
  /** Called when the user leaves the bottom, and when they come back to it (or jump). */
  onAway(): void;
  onFollow(): void;
}

export function useFollow({ currentSeq, onAway, onFollow }: FollowOptions) {
  const scroller = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const frame = useRef(0);
  const lastTop = useRef(0);
  const upIntentAt = useRef(-Infinity);
  const held = useRef(false);
  const [away, setAway] = useState(false);
  const replaying = currentSeq !== null;

  // Every commit: schedule one scroll to the bottom for the coming frame (no layout read here).
  useLayoutEffect(() => {
    if (!follow.current || replaying || frame.current !== 0) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const el = scroller.current;
      if (!el || !follow.current) return;
      el.scrollTop = el.scrollHeight;
      lastTop.current = el.scrollTop;
    });
  });
  useEffect(() => {
    const pending = frame;
    return () => {
      cancelAnimationFrame(pending.current);
      pending.current = 0;
    };
  }, []);

  // keepView(): rows are about to be added above; keep what the reader sees where it is (scroll
  // anchoring does this too, but not in Safari nor when the list is scrolled to its very top).
  const keep = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (keep.current === null || !el) return;
    el.scrollTop = el.scrollHeight - keep.current;
    lastTop.current = el.scrollTop;
    keep.current = null;
  });
  const keepView = () => {
    const el = scroller.current;
    if (el) keep.current = el.scrollHeight - el.scrollTop;
  };

  useEffect(() => {
    if (currentSeq === null) return;
    scroller.current?.querySelector(`li[data-seq="${currentSeq}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [currentSeq]);

  // A press on the scrollbar or a finger on the list may end anywhere on the page.
  useEffect(() => {
    const release = () => { held.current = false; };
    const events = ['pointerup', 'touchend', 'touchcancel'] as const;
    for (const e of events) window.addEventListener(e, release, { passive: true });
    return () => { for (const e of events) window.removeEventListener(e, release); };
  }, []);

  const leave = () => {
    if (!follow.current) return;
    follow.current = false;
    setAway(true);
    onAway();
  };
  const rejoin = () => {
    follow.current = true;
    setAway(false);
    onFollow();
  };
  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const top = el.scrollTop;
    const up = top < lastTop.current - 1;
    lastTop.current = top;
    const userUp = up && (held.current || performance.now() - upIntentAt.current < INTENT_MS);
    if (follow.current ? userUp && !atBottom(el) : atBottom(el)) {
      if (follow.current) leave();
      else rejoin();
    }
  };
  const handlers = {
    onScroll,
    onWheel: (e: WheelEvent) => { if (e.deltaY < 0) upIntentAt.current = performance.now(); },
    onKeyDown: (e: KeyboardEvent) => { if (UP_KEYS.has(e.key) || (e.key === ' ' && e.shiftKey)) upIntentAt.current = performance.now(); },
    onPointerDown: () => { held.current = true; },
    onTouchStart: () => { held.current = true; },
  };
  return { scroller, handlers, away, jump: rejoin, stopFollowing: leave, keepView };
}

function atBottom(el: HTMLElement): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
}
