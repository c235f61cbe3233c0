import { describe, expect, it } from 'vitest';
import { foldConnectionStatus } from './connection-status.ts';

const live = { status: { phase: 'live' as const, failingSince: null, message: null }, synced: true };
const opts = { now: 100_000, startedAt: 0, staleAfterMs: 15_000 };

describe('foldConnectionStatus', () => {
  it('is live when every kind is, with RBAC notices', () => {
    const forbidden = { status: { phase: 'forbidden' as const, failingSince: null, message: 'PersistentVolumes: forbidden by RBAC' }, synced: true };
    expect(foldConnectionStatus([live, forbidden], opts)).toEqual({ state: 'live', since: null, message: null, notices: ['PersistentVolumes: forbidden by RBAC'] });
  });

  it('reconnects from the first failure and turns stale after staleAfterMs', () => {
    const failing = (since: number, message: string) => ({ status: { phase: 'failing' as const, failingSince: since, message }, synced: true });
    const kinds = [live, failing(95_000, 'watch on pods failed: x; retrying in 1 s'), failing(90_000, 'y')];
    expect(foldConnectionStatus(kinds, opts)).toEqual({ state: 'reconnecting', since: 90_000, message: 'watch on pods failed: x; retrying in 1 s (and 1 more)', notices: [] });
    expect(foldConnectionStatus(kinds, { ...opts, now: 105_000 }).state).toBe('stale');
  });

  it('says it is connecting before the first list', () => {
    expect(foldConnectionStatus([live, { ...live, synced: false }], opts)).toEqual({ state: 'reconnecting', since: 0, message: 'connecting to the cluster', notices: [] });
  });
});
