import type { ScheduleOptions } from '@temporalio/client';
import { outboxRetention } from './workflow.js';

export function outboxRetentionSchedule(taskQueue: string, retentionDays = 7): ScheduleOptions {
  return {
    scheduleId: 'outbox-retention',
    spec: { cronExpressions: ['15 3 * * *'] },
    action: {
      type: 'startWorkflow',
      workflowType: outboxRetention,
      workflowId: 'outbox-retention',
      taskQueue,
      args: [{ retentionDays }],
      staticSummary: `Daily: delete delivered outbox events older than ${retentionDays} days`,
    },
    policies: { overlap: 'SKIP', catchupWindow: '1 day' },
  };
}
