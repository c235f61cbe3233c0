'use client';

// The "Ask before destructive actions" setting (confirm-setting.ts) bound to this tab's
// sessionStorage. One store per page load, created on first use in the browser.

import { useSyncExternalStore } from 'react';
import { type AskSetting, createAskSetting } from './confirm-setting.ts';

let store: AskSetting | null = null;

function setting(): AskSetting {
  if (store === null) {
    let storage: Storage | null = null;
    try { storage = window.sessionStorage; } catch { storage = null; }
    store = createAskSetting(storage);
  }
  return store;
}

const subscribe = (l: () => void) => setting().subscribe(l);
const get = () => setting().get();
// The server renders no controls (the session is not known there), so its value never shows.
const getServer = () => true;

export function useAskBeforeDestructive(): [boolean, (ask: boolean) => void] {
  const ask = useSyncExternalStore(subscribe, get, getServer);
  return [ask, setAsk];
}

function setAsk(ask: boolean): void {
  setting().set(ask);
}
