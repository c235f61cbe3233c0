// The yardsticks for the dashboard's latency: `kubectl get pods -w -o json` (a real kubectl
// process) and a raw @kubernetes/client-node Watch, both on the bench namespace. Each records
// when it received the pod write stamped with a given seq (annotation ANN_SEQ), in epoch ms.

import { spawn } from 'node:child_process';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { ANN_SEQ, epochNow } from './bench-cluster.ts';
import { JsonStreamSplitter } from './json-stream.ts';
import { BenchError } from './stats.ts';

export interface ReferenceWatcher {
  name: string;
  /** seq -> epoch ms of arrival. */
  seen: Map<number, number>;
  /** Objects received in all (initial ADDED included). */
  readonly received: number;
  /** Resolves once `n` objects arrived (the initial list): the watch is established. */
  waitReceived(n: number, timeoutMs: number): Promise<void>;
  stop(): void;
}

function seqOf(obj: { metadata?: { annotations?: Record<string, string> } } | undefined): number | undefined {
  const v = obj?.metadata?.annotations?.[ANN_SEQ];
  return v === undefined ? undefined : Number(v);
}

function waiter(count: () => number, what: string) {
  return (n: number, timeoutMs: number) => new Promise<void>((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => {
      if (count() >= n) return resolve();
      if (Date.now() - t0 > timeoutMs) return reject(new BenchError(`${what}: only ${count()} of ${n} objects after ${timeoutMs} ms`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

export function startKubectlWatch(kubeconfig: string, namespace: string): ReferenceWatcher {
  const seen = new Map<number, number>();
  let received = 0;
  let stderr = '';
  const child = spawn('kubectl', ['--kubeconfig', kubeconfig, 'get', 'pods', '-n', namespace, '-w', '-o', 'json', '--output-watch-events'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const split = new JsonStreamSplitter();
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const at = epochNow();
    for (const doc of split.push(chunk)) {
      received++;
      const ev = JSON.parse(doc) as { object?: { metadata?: { annotations?: Record<string, string> } } };
      const seq = seqOf(ev.object);
      if (seq !== undefined && !seen.has(seq)) seen.set(seq, at);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => { stderr += c; });
  const count = () => {
    if (child.exitCode !== null) throw new BenchError(`kubectl get pods -w exited (${child.exitCode}): ${stderr.trim()}`);
    return received;
  };
  return {
    name: 'kubectl get pods -w -o json',
    seen,
    get received() { return received; },
    waitReceived: waiter(count, 'kubectl watch'),
    stop: () => { if (child.exitCode === null) child.kill('SIGTERM'); },
  };
}

export async function startClientNodeWatch(kubeconfig: string, namespace: string): Promise<ReferenceWatcher> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const seen = new Map<number, number>();
  let received = 0;
  let failure: unknown = null;
  const ctrl = await new Watch(kc).watch(`/api/v1/namespaces/${namespace}/pods`, {}, (_type: string, obj: { metadata?: { annotations?: Record<string, string> } }) => {
    const at = epochNow();
    received++;
    const seq = seqOf(obj);
    if (seq !== undefined && !seen.has(seq)) seen.set(seq, at);
  }, (err: unknown) => { if (err) failure = err; });
  const count = () => {
    if (failure) throw new BenchError(`client-node watch failed: ${String(failure)}`);
    return received;
  };
  return {
    name: 'client-node Watch',
    seen,
    get received() { return received; },
    waitReceived: waiter(count, 'client-node watch'),
    stop: () => ctrl.abort(),
  };
}
