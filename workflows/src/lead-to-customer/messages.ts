import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { LeadHandling, LeadStage } from './input.js';

/** Sales moved the lead to a stage (from `sales.lead.stage_changed`). */
export const leadStageSignal = defineSignal<[{ stage: LeadStage }]>('leadStage');
/** The owner chose how the won customer is served (from `sales.lead.handling_chosen`). */
export const leadHandlingSignal = defineSignal<[{ handling: LeadHandling }]>('leadHandling');
export const leadStateQuery = defineQuery<{ stage: LeadStage; customerId: string | null; handling: LeadHandling | null }>('leadState');
