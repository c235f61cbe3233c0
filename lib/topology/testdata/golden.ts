// Golden-file assertion for topology output: the whole model must be plain JSON (it crosses the
// SSE wire) and equal to the reviewed file under testdata/golden/. Regenerate after an intended
// change with `npx vitest run lib/topology -u` and review the diff.

import { expect } from 'vitest';
import type { Topology } from '../types.ts';

export function expectPlainJson(value: unknown): void {
  // toStrictEqual also fails on undefined-valued keys, class instances, Maps and Dates.
  expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
}

export async function expectGolden(name: string, topology: Topology): Promise<void> {
  expectPlainJson(topology);
  await expect(`${JSON.stringify(topology, null, 2)}\n`).toMatchFileSnapshot(`./testdata/golden/${name}.json`);
}
