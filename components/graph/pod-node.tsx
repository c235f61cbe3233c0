'use client';

// A pod slot: a real pod (kubectl STATUS and READY, IP and the IP it had before a recreation,
// node, revision, stable DNS name) or a placeholder saying why the controller has not created it.

import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { PodInfo, PodPlaceholder } from '../../lib/topology/types.ts';
import { revisionHash, setNameOfPod } from '../format.ts';
import { podLook, podStatusText } from '../status-tone.ts';
import { FeedbackLine } from '../controls/control-parts.tsx';
import type { FeedbackStore } from '../controls/feedback-store.ts';
import { useFeedback } from '../controls/use-feedback.ts';
import { CardFrame, Fact, StatusPill } from './card-parts.tsx';
import type { PodFlowNode } from './flow-types.ts';
import { podFeedbackKey, useNodeActions } from './node-actions.ts';

function PodNodeView({ data, selected }: NodeProps<PodFlowNode>) {
  const { pod } = data;
  const look = podLook(pod);
  const kindLabel = pod.placeholder ? 'Pod · not created yet' : pod.condemned ? 'Pod · being removed' : 'Pod';
  return (
    <CardFrame look={look} kindLabel={kindLabel} selected={selected} podEntries action={pod.placeholder ? undefined : <DeletePodButton name={pod.name} />}>
      <div className="flex items-start justify-between gap-2">
        <div className="truncate text-[28px] font-extrabold leading-tight" title={pod.name}>{pod.name}</div>
        {!pod.placeholder && pod.recreated && <RecreatedBadge count={pod.recreateCount} />}
      </div>
      {!pod.placeholder && <DeletePodFeedback name={pod.name} />}
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <StatusPill look={look} text={podStatusText(pod)} label="Status" />
        {!pod.placeholder && <span className="text-base font-bold">READY {pod.kubectl.ready}</span>}
      </div>
      {pod.placeholder ? <PlaceholderFacts pod={pod} /> : <PodFacts pod={pod} />}
      <DnsName id={pod.id} dnsName={pod.dnsName} published={pod.dnsPublished} reason={pod.dnsReason} />
    </CardFrame>
  );
}

/** Not rendered at all when the dashboard is read-only (deletePod null). */
function DeletePodButton({ name }: { name: string }) {
  const { deletePod } = useNodeActions();
  if (deletePod === null) return null;
  return (
    <button
      type="button"
      aria-label={`Delete pod ${name}`}
      title={`Delete pod ${name}`}
      onClick={(e) => { e.stopPropagation(); deletePod(name); }}
      className="nodrag nopan shrink-0 rounded-md border-2 border-red-800 bg-white px-1.5 text-sm font-bold text-red-800 hover:bg-red-50 focus-visible:outline-4 focus-visible:outline-sky-500 dark:border-red-300 dark:bg-slate-900 dark:text-red-200 dark:hover:bg-red-950"
    >
      <span aria-hidden="true">✕ </span>Delete
    </button>
  );
}

function DeletePodFeedback({ name }: { name: string }) {
  const { feedback } = useNodeActions();
  if (feedback === null) return null;
  return <PodFeedback store={feedback} name={name} />;
}

function PodFeedback({ store, name }: { store: FeedbackStore; name: string }) {
  const fb = useFeedback(store, podFeedbackKey(name));
  return fb ? <div className="mt-1"><FeedbackLine feedback={fb} compact /></div> : null;
}

function RecreatedBadge({ count }: { count: number }) {
  return (
    <span className="shrink-0 rounded-md border-2 border-sky-700 bg-sky-100 px-1.5 text-sm font-bold text-sky-950 dark:border-sky-300 dark:bg-sky-950 dark:text-sky-50">
      <span aria-hidden="true">↻ </span>recreated{count > 1 ? ` ×${count}` : ''}
    </span>
  );
}

function PodFacts({ pod }: { pod: PodInfo }) {
  const hash = revisionHash(pod.revision, setNameOfPod(pod.name));
  const which = pod.onUpdateRevision && !pod.onCurrentRevision ? 'update' : pod.onCurrentRevision ? 'current' : 'other';
  return (
    <div className="mt-2 space-y-0.5">
      <Fact label="IP">
        <span className="font-mono">{pod.podIP ?? 'none yet'}</span>
        {pod.previousIP && <span className="ml-1 font-normal text-slate-700 dark:text-slate-300">(was <span className="font-mono">{pod.previousIP}</span>)</span>}
      </Fact>
      <Fact label="node">{pod.node ?? 'not scheduled'}</Fact>
      {hash && (
        <Fact label="revision">
          <span className="font-mono">{hash}</span> <span className="rounded bg-slate-200 px-1 text-xs font-bold uppercase text-slate-900 dark:bg-slate-700 dark:text-slate-50">{which}</span>
        </Fact>
      )}
      {pod.note && <p className="text-sm italic">{pod.note}</p>}
    </div>
  );
}

function PlaceholderFacts({ pod }: { pod: PodPlaceholder }) {
  return <p className="mt-2 text-sm font-medium">{pod.reason}</p>;
}

function DnsName(props: { id: string; dnsName: string | null; published: boolean; reason: string | null }) {
  const actions = useNodeActions();
  if (props.dnsName === null) return <p className="mt-2 text-sm">No DNS name: {props.reason ?? 'the StatefulSet has no serviceName'}</p>;
  const dnsName = props.dnsName;
  return (
    <div className="mt-2">
      <button
        type="button"
        data-dns-name={dnsName}
        aria-label={`DNS lookup ${dnsName}`}
        onClick={() => actions.dnsLookup(props.id, dnsName)}
        className="nodrag nopan w-full break-all rounded-md border-2 border-slate-700 bg-white px-2 py-1 text-left font-mono text-sm font-semibold text-slate-950 hover:bg-sky-50 focus-visible:outline-4 focus-visible:outline-sky-500 dark:border-slate-300 dark:bg-slate-900 dark:text-slate-50 dark:hover:bg-slate-800"
      >
        {dnsName}
      </button>
      {!props.published && props.reason && (
        <p className="mt-1 text-sm font-medium"><span aria-hidden="true">⚠ </span>not resolvable yet: {props.reason}</p>
      )}
    </div>
  );
}

export const PodNode = memo(PodNodeView);
