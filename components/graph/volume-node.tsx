'use client';

// A PersistentVolume bound to one of the claims: phase, capacity and reclaim policy (what happens
// to the data when the claim is deleted).

import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { volumeLook } from '../status-tone.ts';
import { CardFrame, CardTitle, Fact, StatusPill } from './card-parts.tsx';
import type { VolumeFlowNode } from './flow-types.ts';

function VolumeNodeView({ data, selected }: NodeProps<VolumeFlowNode>) {
  const { volume, node, note } = data;
  const phase = volume?.phase ?? null;
  const look = volumeLook(phase);
  return (
    <CardFrame look={look} kindLabel="PV" selected={selected}>
      <CardTitle>{node.name}</CardTitle>
      <div className="mt-1"><StatusPill look={look} text={phase ?? 'Unknown'} label="Phase" /></div>
      {volume ? (
        <div className="mt-2 space-y-0.5">
          <Fact label="capacity">{volume.capacity ?? '—'}</Fact>
          <Fact label="reclaim">{volume.reclaimPolicy ?? '—'}</Fact>
        </div>
      ) : (
        <p className="mt-2 text-sm">{note}</p>
      )}
    </CardFrame>
  );
}

export const VolumeNode = memo(VolumeNodeView);
