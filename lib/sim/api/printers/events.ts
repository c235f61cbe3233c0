// core/v1 Events (printEvent): LAST SEEN TYPE REASON OBJECT MESSAGE, wide adds SUBOBJECT SOURCE
// FIRST SEEN COUNT NAME. Events written through events.k8s.io carry eventTime/series instead of
// first/lastTimestamp/count; the fallbacks below are upstream's.

import { translateTimestampSince, parseKubeTime } from '../../../kube/duration.ts';
import { OBJECT_NAME, EVENT } from './descriptions.ts';
import { column, nameOf, wide, type Printer } from './common.ts';

interface EventLike {
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
  type?: string;
  reason?: string;
  message?: string;
}

/** formatEventSource: "component, host", falling back to reportingComponent/-Instance. */
function formatSource(e: EventLike): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', EVENT.lastTimestamp),
    column('Type', EVENT.type),
    column('Reason', EVENT.reason),
    column('Object', EVENT.involvedObject),
    wide('Subobject', EVENT.fieldPath),
    wide('Source', EVENT.source),
    column('Message', EVENT.message),
    wide('First Seen', EVENT.firstTimestamp),
    wide('Count', EVENT.count),
    column('Name', OBJECT_NAME, { format: 'name', priority: 1 }),
  ],
  print(obj, now) {
    const e = obj as EventLike;
    const firstSeen = parseKubeTime(e.firstTimestamp) !== undefined
      ? translateTimestampSince(e.firstTimestamp, now)
      : translateTimestampSince(e.eventTime, now);
    let lastSeen = parseKubeTime(e.lastTimestamp) !== undefined ? translateTimestampSince(e.lastTimestamp, now) : firstSeen;
    let count = e.count ?? 0;
    if (e.series) {
      lastSeen = translateTimestampSince(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      count = 1; // singleton events from the new API carry no count
    }
    const kind = (e.involvedObject?.kind ?? '').toLowerCase();
    const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
    return {
      cells: [
        lastSeen, e.type ?? '', e.reason ?? '', target, e.involvedObject?.fieldPath ?? '', formatSource(e),
        (e.message ?? '').trim(), firstSeen, count, nameOf(obj),
      ],
    };
  },
};
