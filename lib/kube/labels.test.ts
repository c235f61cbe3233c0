import { describe, expect, it } from 'vitest';
import { labelSelectorToString, matches, matchesLabelSelector, parseSelector, SelectorError } from './labels.ts';

describe('label selectors', () => {
  const labels = { app: 'nginx', tier: 'web', env: 'prod' };
  it.each([
    ['', true],
    ['app=nginx', true],
    ['app==nginx', true],
    ['app!=nginx', false],
    ['app=redis', false],
    ['app in (nginx, redis)', true],
    ['app notin (nginx)', false],
    ['missing notin (x)', true],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=nginx,tier=web', true],
    ['app=nginx,tier in (db)', false],
    ['app in (a,b),env=prod', false],
  ])('%s -> %s', (sel, want) => {
    expect(matches(parseSelector(sel), labels)).toBe(want);
  });

  it.each(['app in ()', '=x', 'a b', 'app=(x)', 'bad key!=x', 'app=' + 'x'.repeat(64)])('rejects %s', (sel) => {
    expect(() => parseSelector(sel)).toThrow(SelectorError);
  });

  it('accepts an empty value: "app=" selects objects whose label app is ""', () => {
    expect(matches(parseSelector('app='), { app: '' })).toBe(true);
    expect(matches(parseSelector('app='), { app: 'x' })).toBe(false);
  });

  it('matches structured selectors and prints them like the scale subresource', () => {
    const ls = { matchLabels: { app: 'nginx' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] };
    expect(matchesLabelSelector(ls, labels)).toBe(true);
    expect(labelSelectorToString(ls)).toBe('app=nginx,tier in (api,web)');
    expect(labelSelectorToString({ matchLabels: { app: 'nginx' } })).toBe('app=nginx');
  });
});
