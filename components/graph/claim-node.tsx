'use client';

// A PersistentVolumeClaim of one pod (`<template>-<set>-<ordinal>`): kubectl STATUS, capacity,
// access modes, storage class, and whether it was kept after a scale-down.

import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { accessModesShort } from '../format.ts';
import { claimLook } from '../status-tone.ts';
import { CardFrame, CardTitle, Fact, StatusPill, WarningList } from './card-parts.tsx';
import type { ClaimFlowNode } from './flow-types.ts';

function ClaimNodeView({ data, selected }: NodeProps<ClaimFlowNode>) {
  const { claim } = data;
  const look = claimLook(claim.exists ? claim.status : null);
  return (
    <CardFrame look={look} kindLabel={claim.exists ? 'PVC' : 'PVC · not created yet'} selected={selected}>
      <CardTitle>{claim.name}</CardTitle>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <StatusPill look={look} text={claim.exists ? claim.status ?? 'Unknown' : 'Not created'} label="Status" />
        {claim.retained && (
          <span className="rounded-md border-2 border-sky-700 bg-sky-100 px-1.5 text-sm font-bold text-sky-950 dark:border-sky-300 dark:bg-sky-950 dark:text-sky-50">
            kept after scale-down
          </span>
        )}
      </div>
      <div className="mt-2 space-y-0.5">
        <Fact label="capacity">{claim.capacity ?? (claim.requested ? `requests ${claim.requested}` : '—')}</Fact>
        {claim.accessModes.length > 0 && <Fact label="access">{accessModesShort(claim.accessModes)}</Fact>}
        <Fact label="class">{claim.storageClassName ?? 'default'}</Fact>
      </div>
      <WarningList warnings={claim.warnings} />
    </CardFrame>
  );
}

export const ClaimNode = memo(ClaimNodeView);
