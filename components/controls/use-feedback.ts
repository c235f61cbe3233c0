'use client';

// One control's feedback from the FeedbackStore; re-renders only when that key changes.

import { useCallback, useSyncExternalStore } from 'react';
import type { Feedback, FeedbackStore } from './feedback-store.ts';

export function useFeedback(store: FeedbackStore, key: string): Feedback | null {
  const get = useCallback(() => store.get(key), [store, key]);
  return useSyncExternalStore(store.subscribe, get, () => null);
}
