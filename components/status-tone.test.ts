import { describe, expect, it } from 'vitest';
import type { PodInfo } from '../lib/topology/types.ts';
import { claimLook, podLook, podStatusText, setLook, volumeLook } from './status-tone.ts';
import { scaledToThree, seeded, web1Recreating } from './testdata/topologies.ts';

function pod(overrides: Partial<PodInfo>): PodInfo {
  const base = seeded().pods[0];
  if (base.placeholder) throw new Error('expected a pod');
  return { ...base, ...overrides, kubectl: { ...base.kubectl, ...overrides.kubectl } };
}

describe('looks: every state has a glyph as well as a colour', () => {
  it('pods', () => {
    expect(podLook(pod({}))).toEqual({ tone: 'ok', glyph: '✓' });
    expect(podLook(web1Recreating(seeded()).pods[1])).toEqual({ tone: 'progress', glyph: '◔' });
    expect(podLook(pod({ ready: false, kubectl: { ready: '0/1', status: 'Running', restarts: '0' } })).tone).toBe('progress');
    expect(podLook(pod({ kubectl: { ready: '0/1', status: 'CrashLoopBackOff', restarts: '3' } }))).toEqual({ tone: 'bad', glyph: '✕' });
    expect(podLook(pod({ terminating: true, kubectl: { ready: '1/1', status: 'Terminating', restarts: '0' } }))).toEqual({ tone: 'terminating', glyph: '⟳' });
    const placeholder = scaledToThree().pods[2];
    expect(podLook(placeholder)).toEqual({ tone: 'idle', glyph: '◌' });
    expect(podStatusText(placeholder)).toBe('Not created');
  });

  it('claims, volumes and the set', () => {
    expect(claimLook('Bound').glyph).toBe('✓');
    expect(claimLook('Pending').glyph).toBe('◔');
    expect(claimLook('Lost').glyph).toBe('✕');
    expect(claimLook(null).glyph).toBe('◌');
    expect(volumeLook('Released').glyph).toBe('⚠');
    expect(setLook(seeded().statefulSet).tone).toBe('ok');
    expect(setLook(scaledToThree().statefulSet).tone).toBe('progress');
  });
});
