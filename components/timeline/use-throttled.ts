'use client';

// A value that follows its input at most once per `ms`: the first change after a quiet spell
// shows at once (on the next commit), changes during a burst are merged into one update per
// interval, and the last one always lands. For the timeline: a readiness storm on a large set adds
// hundreds of entries a second, more than anyone reads, and re-laying out and repainting the list
// on every animation frame was most of the page's frame cost. The graph itself is not throttled.

import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastAt = useRef(-Infinity);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const show = () => {
      lastAt.current = performance.now();
      setShown(() => value);
    };
    const wait = lastAt.current + ms - performance.now();
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
