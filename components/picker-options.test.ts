import { expect, it } from 'vitest';
import { dashboardPath, pickerOptions, withCurrent } from './picker-options.ts';

it('reads names from a bare array or an envelope, with a readiness hint when given', () => {
  expect(pickerOptions(['default', 'kube-system'])).toEqual([{ name: 'default', hint: null }, { name: 'kube-system', hint: null }]);
  expect(pickerOptions({ namespaces: [{ name: 'default' }] })).toEqual([{ name: 'default', hint: null }]);
  expect(pickerOptions([{ name: 'web', ready: '2/3', replicas: 3 }])).toEqual([{ name: 'web', hint: '2/3 ready' }]);
  expect(pickerOptions([{ name: 'web', readyReplicas: 1, replicas: 2 }])).toEqual([{ name: 'web', hint: '1/2 ready' }]);
  expect(pickerOptions({ message: 'forbidden' })).toBeNull();
});

it('keeps the current value selectable when the list lacks it', () => {
  expect(withCurrent(null, 'web').map((o) => o.name)).toEqual(['web']);
  expect(withCurrent([{ name: 'db', hint: null }], 'web').map((o) => o.name)).toEqual(['web', 'db']);
  expect(withCurrent([{ name: 'web', hint: null }], 'web')).toHaveLength(1);
});

it('builds the deep link', () => {
  expect(dashboardPath('default', 'web')).toBe('/namespaces/default/statefulsets/web');
});
