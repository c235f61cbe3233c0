import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { HeapProbe } from './heap-probe.ts';

describe('heap probe', () => {
  it("reads a process's retained heap over its inspector, and sees memory it keeps", async () => {
    // A process that keeps ~8 MiB more once it reads a line.
    const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', '-e', `
      const kept = [];
      process.stdin.on('data', () => { kept.push(Array.from({ length: 1 << 20 }, (_, i) => i + 0.5)); console.log('kept'); });
      setInterval(() => {}, 1000);
    `], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stderr! }).on('line', (l) => { const m = /Debugger listening on (ws:\/\/\S+)/.exec(l); if (m) resolve(m[1]); });
        child.once('exit', () => reject(new Error('exited before its inspector listened')));
      });
      const probe = await HeapProbe.connect(url);
      const before = await probe.retainedMiB();
      expect(before).toBeGreaterThan(0);
      const kept = new Promise((r) => createInterface({ input: child.stdout! }).once('line', r));
      child.stdin!.write('go\n');
      await kept;
      const after = await probe.retainedMiB();
      expect(after - before).toBeGreaterThan(6);
      probe.close();
    } finally {
      child.kill();
    }
  });

  it('fails loudly when nothing listens', async () => {
    await expect(HeapProbe.connect('ws://127.0.0.1:9/nothing', 2000)).rejects.toThrow(/inspector/);
  });
});
