// "Ask before destructive actions": on by default, switched off for the rest of the browser
// session (workshops turn it off so a demo flows). Stored in sessionStorage, so it survives a
// reload but not a new tab. Pure store over an injected Storage; confirm-setting-hook.ts binds
// it to the browser.

export const ASK_KEY = 'sts-topology.ask-before-destructive';

/** The part of the Web Storage API the setting uses. */
export interface SettingStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface AskSetting {
  get(): boolean;
  set(ask: boolean): void;
  subscribe(listener: () => void): () => void;
}

/**
 * `storage` null or throwing (private mode, storage disabled): the choice lasts while the page
 * is open. Anything but the stored string "false" means ask.
 */
export function createAskSetting(storage: SettingStorage | null): AskSetting {
  const listeners = new Set<() => void>();
  let value = true;
  try {
    value = storage?.getItem(ASK_KEY) !== 'false';
  } catch {
    value = true;
  }
  return {
    get: () => value,
    set(ask) {
      if (ask === value) return;
      value = ask;
      try { storage?.setItem(ASK_KEY, String(ask)); } catch { /* kept in memory only */ }
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
  };
}
