import { Client, Connection } from '@temporalio/client';

/** A client of the stack's Temporal server; workflow ids and statuses need no payload codec. */
export async function temporalClient(address: string, namespace: string) {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection, namespace }), close: () => connection.close() };
}

/** Waits until every one of these workflows has closed; undefined when all did, else how many are open. */
export async function waitClosed(client: Client, workflowIds: string[], timeoutMs: number): Promise<number> {
  const open = new Set(workflowIds);
  const deadline = Date.now() + timeoutMs;
  while (open.size > 0 && Date.now() < deadline) {
    const ids = [...open];
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(
        ids.slice(i, i + 50).map(async (id) => {
          const { status } = await client.workflow.getHandle(id).describe();
          if (status.name !== 'RUNNING') open.delete(id);
        }),
      );
    }
    if (open.size > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return open.size;
}

type Duration = { seconds?: unknown; nanos?: number | null } | null | undefined;
const millisOf = (d: Duration) => (d ? Number(d.seconds ?? 0) * 1000 + Math.floor((d.nanos ?? 0) / 1e6) : 0);

/**
 * How late the timer service fired these workflows' timers, read from their histories: each
 * `TimerFired` against its `TimerStarted` time plus its duration; and how long after that due
 * time the workflow had acted on it (the next activity it scheduled). Neither waits on activities.
 */
export async function timerLateness(client: Client, workflowIds: string[]): Promise<{ fired: number[]; acted: number[] }> {
  const fired: number[] = [];
  const acted: number[] = [];
  for (let i = 0; i < workflowIds.length; i += 20) {
    await Promise.all(
      workflowIds.slice(i, i + 20).map(async (id) => {
        const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
        const dueByEventId = new Map<string, number>();
        let waiting: number | undefined;
        for (const event of events) {
          const at = millisOf(event.eventTime as Duration);
          if (event.timerStartedEventAttributes) dueByEventId.set(String(event.eventId), at + millisOf(event.timerStartedEventAttributes.startToFireTimeout as Duration));
          const started = event.timerFiredEventAttributes?.startedEventId;
          const due = started === undefined || started === null ? undefined : dueByEventId.get(String(started));
          if (due !== undefined) {
            fired.push(at - due);
            waiting = due;
          }
          if (event.activityTaskScheduledEventAttributes && waiting !== undefined) {
            acted.push(at - waiting);
            waiting = undefined;
          }
        }
      }),
    );
  }
  return { fired, acted };
}
