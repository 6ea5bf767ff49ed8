import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// The search attributes ops filter by in the Temporal UI. The dev server registers them at start
// (`--search-attribute Name=Type`); an external server gets them through the operator service.
export const searchAttributeTypes = {
  CustomerId: 'Keyword',
  ExpertId: 'Keyword',
  ProjectId: 'Keyword',
  Process: 'Keyword',
  SlaBreached: 'Bool',
} as const;

export type SearchAttributeName = keyof typeof searchAttributeTypes;

export const customerIdKey = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const expertIdKey = defineSearchAttributeKey('ExpertId', SearchAttributeType.KEYWORD);
export const processKey = defineSearchAttributeKey('Process', SearchAttributeType.KEYWORD);
export const slaBreachedKey = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);
