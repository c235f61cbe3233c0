// `npm run cluster:fault`: finds the cluster through its kubeconfig, sends the fault, prints one
// line; bad arguments and an unreachable cluster are clear errors with distinct exit codes.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { writeKubeconfig } from '../kubeconfig.ts';
import { defaultKubeconfigPath, runFaultCli } from './fault-cli.ts';
import { startFaultRig, type FaultRig } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'sts-fault-cli-'));
const kubeconfig = join(dir, 'kubeconfig');
let rig: FaultRig;

beforeAll(async () => {
  rig = await startFaultRig(new ManualClock());
  writeKubeconfig(kubeconfig, { server: rig.url });
});
afterAll(async () => {
  await rig.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runFaultCli(argv, { env: {}, home: dir, out: (l) => out.push(l), err: (l) => err.push(l), fetch });
  return { code, out, err };
}

describe('fault CLI', () => {
  it('sends a fault and prints one line', async () => {
    const r = await cli('fail-next', '--code', '429', '--count', '2', '--kubeconfig', kubeconfig);
    expect(r).toEqual({ code: 0, out: ['the next 2 gets or lists will fail with 429 TooManyRequests (Retry-After: 1)'], err: [] });
    expect(rig.injector.list().map((f) => f.fault)).toEqual(['fail-next']);
    expect((await cli('list', '--kubeconfig', kubeconfig)).out).toEqual(['active faults: the next 2 gets or lists fail with 429 TooManyRequests (Retry-After: 1)']);
    expect((await cli('clear', '--kubeconfig', kubeconfig)).out).toEqual(['cleared every fault']);
    expect((await cli('list', '--kubeconfig', kubeconfig)).out).toEqual(['no active faults']);
  });

  it('finds the kubeconfig in the state directory by default', async () => {
    expect(defaultKubeconfigPath({ XDG_STATE_HOME: '/s' }, '/home/u')).toBe('/s/sts-topology/kubeconfig');
    expect(defaultKubeconfigPath({}, '/home/u')).toBe('/home/u/.local/state/sts-topology/kubeconfig');
    writeKubeconfig(join(dir, 'state', 'sts-topology', 'kubeconfig'), { server: rig.url });
    const out: string[] = [];
    const code = await runFaultCli(['expire-next-watch'], { env: { XDG_STATE_HOME: join(dir, 'state') }, home: '/nowhere', out: (l) => out.push(l), err: () => {}, fetch });
    expect({ code, out }).toEqual({ code: 0, out: ['the next watch will get 410 Expired'] });
    rig.injector.clear();
  });

  it.each([
    [['fail-next', '--code', '404'], /--code 500 or --code 429/],
    [['fail-next'], /--code 500 or --code 429/],
    [['delay'], /delay needs --ms/],
    [['drop-watches', '--count', '1'], /drop-watches does not take --count/],
    [['explode'], /unknown fault "explode"/],
    [[], /name a fault/],
    [['delay', '--ms', 'soon'], /--ms must be a non-negative integer/],
  ])('refuses %j with usage and exit code 2', async (argv, message) => {
    const r = await cli(...argv, '--kubeconfig', kubeconfig);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(message);
    expect(r.err.join('\n')).toContain('Usage: npm run cluster:fault');
    expect(rig.injector.list()).toEqual([]);
  });

  it('explains an unreachable cluster, a missing kubeconfig and a remote server', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const gone = join(dir, 'gone');
    writeKubeconfig(gone, { server: `http://127.0.0.1:${port}` });
    expect(await cli('compact', '--kubeconfig', gone)).toEqual({ code: 1, out: [], err: [`error: cannot reach the embedded cluster at http://127.0.0.1:${port} (connection refused): is it running (npm run cluster)?`] });
    expect((await cli('compact', '--kubeconfig', join(dir, 'none'))).err[0]).toMatch(/^error: no kubeconfig at .*none: is the embedded cluster running/);
    const remote = join(dir, 'remote');
    writeKubeconfig(remote, { server: 'https://k8s.example.com:6443' });
    expect((await cli('compact', '--kubeconfig', remote)).err).toEqual(['error: https://k8s.example.com:6443 is not on this machine; faults are only for the embedded cluster']);
  });

  it('runs as a command', async () => {
    const child = spawn(process.execPath, [resolve(import.meta.dirname, 'cli.ts'), 'delay', '--ms', '5', '--count', '3', '--kubeconfig', kubeconfig]);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    const code = await new Promise((r) => child.on('close', r));
    expect({ code, out }).toEqual({ code: 0, out: 'the next 3 requests will wait 5 ms\n' });
    rig.injector.clear();
  });
});
