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
