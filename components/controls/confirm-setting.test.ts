import { describe, expect, it } from 'vitest';
import { ASK_KEY, type SettingStorage, createAskSetting } from './confirm-setting.ts';

function memoryStorage(): SettingStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => { data.set(k, v); } };
}

describe('ask-before-destructive setting', () => {
  it('asks by default', () => {
    expect(createAskSetting(memoryStorage()).get()).toBe(true);
    expect(createAskSetting(null).get()).toBe(true);
  });

  it('turned off, it stays off for the session: a reload (a new store on the same storage) reads it back', () => {
    const storage = memoryStorage();
    createAskSetting(storage).set(false);
    expect(storage.data.get(ASK_KEY)).toBe('false');
    expect(createAskSetting(storage).get()).toBe(false);
  });

  it('tells subscribers about a change, once, and not about a non-change', () => {
    const s = createAskSetting(memoryStorage());
    let calls = 0;
    const off = s.subscribe(() => calls++);
    s.set(false);
    s.set(false);
    expect(calls).toBe(1);
    off();
    s.set(true);
    expect(calls).toBe(1);
    expect(s.get()).toBe(true);
  });

  it('keeps the choice in memory when storage throws (private mode)', () => {
    const broken: SettingStorage = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    const s = createAskSetting(broken);
    expect(s.get()).toBe(true);
    s.set(false);
    expect(s.get()).toBe(false);
  });
});
