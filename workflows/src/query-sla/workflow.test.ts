import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestTemporal, eventually, workflowsPath } from '../../test/temporal.js';
import type { QuerySlaInput } from './input.js';
import { querySlaStatusQuery, replyRecordedSignal } from './messages.js';
import { querySla } from './workflow.js';

// Workflow logic alone: real Temporal server, activities replaced by recorders.
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
beforeAll(async () => {
  temporal = await connectTestTemporal();
});
afterAll(async () => temporal?.close());

function inputFor(firstReply: string, submittedAt = new Date()): QuerySlaInput {
  return {
    queryId: randomUUID(),
    customerId: 'cust-logic',
    assignedExpertId: 'exp-logic',
    submittedAt: submittedAt.toISOString(),
    policy: { firstReply },
  };
}

async function withWorker<T>(escalated: string[], fn: () => Promise<T>) {
  const worker = await Worker.create({
    connection: temporal.workerConnection,
    taskQueue: temporal.taskQueue,
    workflowsPath,
    activities: {
      markQueryEscalated: async (queryId: string) => {
        escalated.push(queryId);
      },
    },
  });
  return worker.runUntil(fn());
}

const reply = { replyId: randomUUID(), expertId: 'exp-logic', repliedAt: new Date().toISOString() };

describe('query SLA workflow', () => {
  it('a reply before the deadline completes the query without escalation', async () => {
    const escalated: string[] = [];
    const input = inputFor('30s');
    const result = await withWorker(escalated, async () => {
      const handle = await temporal.client.workflow.start(querySla, {
        workflowId: `query-${input.queryId}`,
        taskQueue: temporal.taskQueue,
        args: [input],
      });
      await handle.signal(replyRecordedSignal, reply);
      return handle.result();
    });
    expect(result).toEqual({ queryId: input.queryId, result: 'replied_in_time', firstReply: reply });
    expect(escalated).toEqual([]);
  });

  it('a missed deadline escalates once, and a late reply still completes the query', async () => {
    const escalated: string[] = [];
    const input = inputFor('1s');
    const result = await withWorker(escalated, async () => {
      const handle = await temporal.client.workflow.start(querySla, {
        workflowId: `query-${input.queryId}`,
        taskQueue: temporal.taskQueue,
        args: [input],
      });
      const status = await eventually('escalation', async () => {
        const s = await handle.query(querySlaStatusQuery);
        return s.stage === 'escalated' ? s : undefined;
      });
      expect(status.breached).toBe(true);
      await handle.signal(replyRecordedSignal, reply);
      return handle.result();
    });
    expect(result.result).toBe('replied_after_breach');
    expect(escalated).toEqual([input.queryId]);
  });

  it('counts the deadline from submission, not from when the workflow started', async () => {
    const escalated: string[] = [];
    const input = inputFor('5m', new Date(Date.now() - 10 * 60_000));
    await withWorker(escalated, async () => {
      const handle = await temporal.client.workflow.start(querySla, {
        workflowId: `query-${input.queryId}`,
        taskQueue: temporal.taskQueue,
        args: [input],
      });
      await eventually('immediate escalation', async () => (escalated.length === 1 ? true : undefined), 5_000);
      await handle.signal(replyRecordedSignal, reply);
      await handle.result();
    });
    expect(escalated).toEqual([input.queryId]);
  });

  it('only the first reply counts as the first reply', async () => {
    const input = inputFor('30s');
    const second = { ...reply, replyId: randomUUID() };
    // Both replies are waiting before any worker runs, so the workflow sees them in one batch.
    const handle = await temporal.client.workflow.start(querySla, {
      workflowId: `query-${input.queryId}`,
      taskQueue: temporal.taskQueue,
      args: [input],
    });
    await handle.signal(replyRecordedSignal, reply);
    await handle.signal(replyRecordedSignal, second);
    const result = await withWorker([], () => handle.result());
    expect(result.firstReply.replyId).toBe(reply.replyId);
  });
});
