// Test tooling for the manifests in this folder: render a kustomization with `kubectl kustomize`
// and run kubectl asynchronously (the embedded cluster may be serving in the same process, so a
// blocking spawnSync would keep it from answering). Used by deploy/manifests.test.ts and the
// RBAC e2e spec. Needs kubectl on PATH; callers skip with a message when hasKubectl() is false.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const DEPLOY_DIR = resolve(import.meta.dirname);

export function hasKubectl(): boolean {
  return spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
}

export interface KubectlResult { code: number; out: string; err: string }

export function kubectl(args: string[], opts: { kubeconfig?: string; input?: string; timeoutMs?: number } = {}): Promise<KubectlResult> {
  return new Promise((res) => {
    const full = opts.kubeconfig ? ['--kubeconfig', opts.kubeconfig, ...args] : args;
    const child = spawn('kubectl', full, { env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'sts-kubectl-home-')) } });
    child.stdin.end(opts.input ?? '');
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const t = setTimeout(() => child.kill(), opts.timeoutMs ?? 60_000);
    child.on('close', (code) => { clearTimeout(t); res({ code: code ?? 1, out, err }); });
  });
}

async function kustomize(dir: string): Promise<string> {
  const r = await kubectl(['kustomize', dir]);
  if (r.code !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${r.err}`);
  return r.out;
}

/** deploy/ as shipped (the full dashboard), deploy/read-only, or deploy/ with the optional PV component. */
export type Variant = 'default' | 'read-only' | 'with-volumes';

export async function renderVariant(variant: Variant): Promise<string> {
  if (variant === 'default') return kustomize(DEPLOY_DIR);
  if (variant === 'read-only') return kustomize(join(DEPLOY_DIR, 'read-only'));
  // What a user gets by uncommenting `components:` in deploy/kustomization.yaml.
  const dir = mkdtempSync(join(tmpdir(), 'sts-kustomize-'));
  writeFileSync(join(dir, 'kustomization.yaml'), [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'namespace: default',
    // kustomize refuses absolute paths to other kustomizations; relative ones may leave the folder.
    `resources: [${JSON.stringify(relative(dir, join(DEPLOY_DIR, 'base')))}]`,
    `components: [${JSON.stringify(relative(dir, join(DEPLOY_DIR, 'components/persistent-volumes')))}]`,
    '',
  ].join('\n'));
  return kustomize(dir);
}
