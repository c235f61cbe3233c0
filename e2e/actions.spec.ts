// Issue 5: acting on the StatefulSet from the dashboard (controls, pod delete buttons), and the
// timeline that shows the order Kubernetes followed. Against the embedded cluster at 10x speed;
// the tests run in order on one instance (2 -> 4 -> 2 replicas, delete all, rolling update).
// Order is read from the timeline's <li data-pod data-transition data-at data-seq>.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { hasKubectl, startInstance, type Instance } from './tools/instance.ts';

test.skip(!hasKubectl(), 'kubectl is not installed: these tests check the cluster with kubectl');
test.describe.configure({ mode: 'serial' });

let inst: Instance;
test.beforeAll(async () => { inst = await startInstance(['--speed', '10']); });
test.afterAll(async () => { await inst?.stop(); });

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const pod = (page: Page, name: string) => node(page, `Pod/default/${name}`);

interface Entry { seq: number; pod: string; transition: string; at: number; text: string }

function kubectlOk(args: string[]): string {
  const r = inst.kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function timeline(page: Page): Promise<Entry[]> {
  return page.getByRole('region', { name: 'Timeline' }).locator('li[data-seq]').evaluateAll((lis) => lis.map((li) => ({
    seq: Number(li.getAttribute('data-seq')),
    pod: li.getAttribute('data-pod') ?? '',
    transition: li.getAttribute('data-transition') ?? '',
    at: Number(li.getAttribute('data-at')),
    text: li.textContent ?? '',
  })));
}

/** The entries after the last action whose text contains `action`. */
async function since(page: Page, action: string): Promise<Entry[]> {
  const all = await timeline(page);
  const i = all.findLastIndex((e) => e.transition === 'action' && e.text.includes(action));
  return i < 0 ? [] : all.slice(i + 1);
}

function at(entries: readonly Entry[], podName: string, transition: string): number {
  const e = entries.find((x) => x.pod === podName && x.transition === transition);
  if (!e) throw new Error(`no "${transition}" entry for ${podName} in:\n${entries.map((x) => `${x.seq} ${x.pod} ${x.transition}`).join('\n')}`);
  return e.at;
}

async function open(page: Page, readyPods: string[]): Promise<void> {
  await page.goto(`${inst.url}/namespaces/default/statefulsets/web`);
  for (const p of readyPods) await expect(pod(page, p)).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Controls' })).toBeVisible();
}

async function noConfirmations(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: 'Ask before destructive actions' }).uncheck();
}

const claimVolume = (claim: string) => kubectlOk(['get', 'pvc', claim, '-o', 'jsonpath={.spec.volumeName}']);

test('scale 2 -> 4 with the Replicas field: web-2, then web-3 once web-2 is Ready', async ({ page }) => {
  await open(page, ['web-0', 'web-1']);
  await noConfirmations(page);
  const controls = page.getByRole('region', { name: 'Controls' });
  await controls.getByLabel('Replicas').fill('4');
  await controls.getByRole('button', { name: 'Scale', exact: true }).click();
  await expect(controls.getByRole('group', { name: 'Scale' }).getByRole('status')).toContainText(/Scaled web from 2 to 4/);
  await expect(pod(page, 'web-3')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });

  await expect.poll(async () => (await since(page, 'Scale 2 -> 4')).some((e) => e.pod === 'web-3' && e.transition === 'ready')).toBe(true);
  const after = await since(page, 'Scale 2 -> 4');
  expect(at(after, 'web-2', 'created')).toBeLessThan(at(after, 'web-3', 'created'));
  expect(at(after, 'web-3', 'created')).toBeGreaterThanOrEqual(at(after, 'web-2', 'ready'));
  await expect(page.getByRole('status', { name: 'Ordering verdict' })).toContainText('web-2 -> web-3');
});

test('scale 4 -> 2 (confirmed in the dialog): web-3 is gone before web-2 is deleted; their PVCs stay', async ({ page }) => {
  await open(page, ['web-0', 'web-1', 'web-2', 'web-3']);
  const controls = page.getByRole('region', { name: 'Controls' });
  await controls.getByLabel('Replicas').fill('2');
  await controls.getByRole('button', { name: 'Scale', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Scale web down from 4 to 2?');
  await expect(dialog).toContainText('web-3, web-2 will be deleted');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();

  await expect.poll(async () => (await since(page, 'Scale 4 -> 2')).some((e) => e.pod === 'web-2' && e.transition === 'gone'), { timeout: 30_000 }).toBe(true);
  const after = await since(page, 'Scale 4 -> 2');
  expect(at(after, 'web-3', 'gone')).toBeLessThanOrEqual(at(after, 'web-2', 'deleted'));
  expect(at(after, 'web-3', 'deleted')).toBeLessThan(at(after, 'web-2', 'deleted'));
  const claims = kubectlOk(['get', 'pvc', '-o', 'jsonpath={.items[*].metadata.name}']).split(/\s+/);
  expect(claims).toEqual(expect.arrayContaining(['www-web-2', 'www-web-3']));
  await expect(page.getByRole('status', { name: 'Ordering verdict' })).toContainText('web-3 -> web-2');
});

test('Cancel in the dialog changes nothing', async ({ page }) => {
  await open(page, ['web-0', 'web-1']);
  await page.getByRole('button', { name: 'Delete pod web-1' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Delete pod web-1?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.waitForTimeout(500);
  expect((await timeline(page)).filter((e) => e.text.includes('Delete pod web-1'))).toHaveLength(0);
});

test('an error from the cluster shows on the card of the pod it is about', async ({ page }) => {
  await open(page, ['web-0', 'web-1']);
  await noConfirmations(page);
  // The embedded cluster's fault API: the next get (the route reads the pod first) fails with 500.
  const server = kubectlOk(['config', 'view', '-o', 'jsonpath={.clusters[0].cluster.server}']);
  const fault = await fetch(`${server}/_sim/faults/fail-next`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: 1, code: 500 }) });
  expect(fault.status).toBe(200);
  await page.getByRole('button', { name: 'Delete pod web-1' }).click();
  await expect(pod(page, 'web-1').getByRole('alert')).toBeVisible();
  await expect(pod(page, 'web-0').getByRole('alert')).toHaveCount(0);
  await expect(pod(page, 'web-1')).toHaveAttribute('data-ready', 'true');
});

test('delete all pods: web-0 comes back Ready before web-1 is created; new IPs, same volumes', async ({ page }) => {
  await open(page, ['web-0', 'web-1']);
  await noConfirmations(page);
  const ips = ['web-0', 'web-1'].map((p) => kubectlOk(['get', 'pod', p, '-o', 'jsonpath={.status.podIP}']));
  const volumes = ['www-web-0', 'www-web-1'].map(claimVolume);

  await page.getByRole('region', { name: 'Controls' }).getByRole('button', { name: 'Delete all pods' }).click();
  await expect.poll(async () => (await since(page, 'Delete all pods')).some((e) => e.pod === 'web-1' && e.transition === 'ready'), { timeout: 40_000 }).toBe(true);
  const after = await since(page, 'Delete all pods');
  expect(at(after, 'web-0', 'ready')).toBeLessThanOrEqual(at(after, 'web-1', 'created'));
  expect(at(after, 'web-0', 'created')).toBeLessThan(at(after, 'web-1', 'created'));

  await expect(pod(page, 'web-0')).toContainText(`was ${ips[0]}`);
  await expect(pod(page, 'web-1')).toContainText(`was ${ips[1]}`);
  expect(['www-web-0', 'www-web-1'].map(claimVolume)).toEqual(volumes);
  await expect(page.getByRole('status', { name: 'Ordering verdict' })).toContainText('web-0 -> web-1');
});

test('set image: the rolling update goes from the top (web-1 before web-0); a wrong container is explained next to the control', async ({ page }) => {
  await open(page, ['web-0', 'web-1']);
  await noConfirmations(page);
  const group = page.getByRole('region', { name: 'Controls' }).getByRole('group', { name: 'Set image' });
  await group.getByLabel('Container').fill('no-such-container');
  await group.getByLabel('Image').fill('nginx:1.25');
  await group.getByRole('button', { name: 'Set image' }).click();
  await expect(group.getByRole('alert')).toContainText(/no-such-container/);

  await group.getByLabel('Container').fill('nginx');
  await group.getByRole('button', { name: 'Set image' }).click();
  await expect(group.getByRole('alert')).toHaveCount(0);
  await expect.poll(() => inst.kubectl(['get', 'sts', 'web', '-o', 'jsonpath={.status.updatedReplicas}/{.status.readyReplicas}']).stdout, { timeout: 40_000 }).toBe('2/2');
  await expect.poll(async () => (await since(page, 'Set image')).some((e) => e.pod === 'web-0' && e.transition === 'ready'), { timeout: 20_000 }).toBe(true);
  const after = await since(page, 'Set image');
  expect(at(after, 'web-1', 'deleted')).toBeLessThan(at(after, 'web-0', 'deleted'));
  expect(kubectlOk(['get', 'pod', 'web-0', '-o', 'jsonpath={.spec.containers[0].image}'])).toBe('nginx:1.25');
});

test('replay steps through the last action on the graph, highlighting each pod', async ({ page }) => {
  await open(page, ['web-0', 'web-1']);
  await page.getByLabel('Speed').selectOption('0.5');
  await page.getByRole('button', { name: 'Replay' }).click();
  const caption = page.getByRole('status', { name: 'Replay' });
  await expect(caption).toContainText(/Set image/);
  await expect(caption).toContainText(/web-1: Terminating \(\d\d:\d\d:\d\d\.\d\)/, { timeout: 10_000 });
  await expect(pod(page, 'web-1')).toHaveAttribute('data-replay', 'true');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(caption).toBeHidden();
  await expect(page.locator('.react-flow__node[data-replay]')).toHaveCount(0);
});

/**
 * Lets the test drop the page's SSE connection as a network failure would: the page sees an error
 * on a CLOSED EventSource and reconnects with its last event id (use-topology-stream.ts).
 */
async function trackStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.EventSource;
    const all: EventSource[] = [];
    class Tracked extends Native {
      constructor(url: string | URL, init?: EventSourceInit) { super(url, init); all.push(this); }
    }
    const w = window as unknown as { EventSource: typeof EventSource; dropStreams(): void; streamCount(): number };
    w.EventSource = Tracked;
    w.dropStreams = () => { for (const es of all) if (es.readyState !== Native.CLOSED) { es.close(); es.dispatchEvent(new Event('error')); } };
    w.streamCount = () => all.length;
  });
}

const dropStreams = (page: Page) => page.evaluate(() => (window as unknown as { dropStreams(): void }).dropStreams());
const streamCount = (page: Page) => page.evaluate(() => (window as unknown as { streamCount(): number }).streamCount());

test('the timeline survives a reload and an SSE reconnect without duplicates', async ({ page }) => {
  await trackStreams(page);
  await open(page, ['web-0', 'web-1']);
  await noConfirmations(page);
  await page.getByRole('button', { name: 'Delete pod web-0' }).click();
  await expect.poll(async () => (await since(page, 'Delete pod web-0')).some((e) => e.pod === 'web-0' && e.transition === 'ready'), { timeout: 30_000 }).toBe(true);
  const before = await timeline(page);
  await page.reload();
  await expect(pod(page, 'web-1')).toHaveAttribute('data-ready', 'true');
  await expect.poll(async () => (await timeline(page)).length).toBeGreaterThanOrEqual(before.length);
  const reloaded = await timeline(page);
  expect(reloaded.slice(0, before.length).map((e) => e.seq)).toEqual(before.map((e) => e.seq));

  // Drop the stream in the middle of an action: what happens meanwhile comes back by replay.
  const streams = await streamCount(page);
  await page.getByRole('button', { name: 'Delete pod web-1' }).click();
  await dropStreams(page);
  await expect.poll(() => streamCount(page)).toBeGreaterThan(streams);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Live', { timeout: 30_000 });
  await expect.poll(async () => (await since(page, 'Delete pod web-1')).some((e) => e.pod === 'web-1' && e.transition === 'ready'), { timeout: 30_000 }).toBe(true);
  const seqs = (await timeline(page)).map((e) => e.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  const after = await since(page, 'Delete pod web-1');
  expect(after.filter((e) => e.pod === 'web-1' && e.transition === 'deleted')).toHaveLength(1);
});

test('swimlanes: one lane per pod with phase bars and the action marker', async ({ page }) => {
  await open(page, ['web-0', 'web-1']);
  const region = page.getByRole('region', { name: 'Timeline' });
  await region.getByRole('button', { name: 'Swimlanes' }).click();
  await expect(region.locator('g[data-lane="web-1"] g[data-phase="Ready"]').first()).toBeVisible();
  await expect(region.locator('g[data-lane="web-1"] g[data-phase="Terminating"]')).toHaveCount(1);
  await expect(region.getByText('▶ Delete pod web-1')).toBeVisible();
});

/** Whether the row is inside the visible part of the timeline's scrolling list (the page may be taller than the window). */
const shownInList = (row: Locator) => row.evaluate((li) => {
  const list = li.closest('[aria-label="Timeline entries, oldest first"]')!.getBoundingClientRect();
  const r = li.getBoundingClientRect();
  return r.bottom > list.top && r.top < list.bottom;
});

test('the list holds the newest 50 entries; Show earlier adds older ones above without moving the view, Jump to latest goes back', async ({ page }) => {
  await open(page, ['web-0', 'web-1']);
  await noConfirmations(page);
  const region = page.getByRole('region', { name: 'Timeline' });
  const rows = region.locator('li[data-seq]');
  const earlier = region.getByRole('button', { name: /^Show \d+ earlier entr/ });
  // More history than one window: each recreated pod adds several entries.
  for (let i = 0; i < 8 && !(await earlier.isVisible()); i++) {
    await page.getByRole('button', { name: 'Delete all pods' }).click();
    await expect.poll(async () => (await since(page, 'Delete all pods')).filter((e) => e.transition === 'ready').length, { timeout: 30_000 }).toBe(2);
  }
  await expect(earlier).toBeVisible();
  await expect(rows).toHaveCount(50);
  const newest = await timeline(page);
  const hidden = Number(/\((\d+) not shown\)/.exec(await earlier.innerText())?.[1]);
  expect(hidden).toBeGreaterThan(0);
  await expect.poll(() => shownInList(rows.last())).toBe(true);

  await earlier.click();
  await expect(rows).toHaveCount(50 + Math.min(50, hidden));
  const more = await timeline(page);
  expect(more.slice(-50).map((e) => e.seq)).toEqual(newest.map((e) => e.seq));
  expect(more.map((e) => e.seq)).toEqual([...more.map((e) => e.seq)].sort((a, b) => a - b));
  // What the reader was looking at (the top of the list, where the button was) stays on screen,
  // the older entries arrive above it, and the list stops following until asked.
  await expect.poll(() => shownInList(region.locator(`li[data-seq="${newest[0].seq}"]`))).toBe(true);
  const jump = region.getByRole('button', { name: 'Jump to latest' });
  await expect(jump).toBeVisible();

  await jump.click();
  await expect(jump).toBeHidden();
  await expect(rows).toHaveCount(50);
  await expect.poll(() => shownInList(rows.last())).toBe(true);
});

test.describe('read-only', () => {
  let ro: Instance;
  test.beforeAll(async () => { ro = await startInstance(['--speed', '10', '--read-only']); });
  test.afterAll(async () => { await ro?.stop(); });

  test('no controls, no delete buttons, and the scale route answers 403 and changes nothing', async ({ page }) => {
    await page.goto(`${ro.url}/namespaces/default/statefulsets/web`);
    await expect(page.getByTestId('read-only')).toHaveText(/Read-only/);
    await expect(pod(page, 'web-1')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Controls' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Delete pod/ })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();

    const answer = await page.evaluate(async () => {
      const session = await (await fetch('/api/session', { credentials: 'same-origin' })).json() as { csrfToken: string };
      const r = await fetch('/api/namespaces/default/statefulsets/web/scale', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ replicas: 5 }),
      });
      return { status: r.status, body: await r.json() as { reason?: string } };
    });
    expect(answer.status).toBe(403);
    expect(answer.body.reason).toBe('ReadOnly');
    await page.waitForTimeout(500);
    expect(ro.kubectl(['get', 'sts', 'web', '-o', 'jsonpath={.spec.replicas}']).stdout).toBe('2');
  });
});
