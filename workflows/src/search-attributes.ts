import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// The search attributes ops filter by in the Temporal UI: one line each. The dev server registers
// them at start (`--search-attribute Name=Type`); an external server gets them through the
// operator service; workflows and the bridge use `searchAttributes.<Name>`.
export const searchAttributeTypes = {
  CustomerId: 'Keyword',
  ExpertId: 'Keyword',
  ProjectId: 'Keyword',
  Process: 'Keyword',
  SlaBreached: 'Bool',
} as const;

export type SearchAttributeName = keyof typeof searchAttributeTypes;

const sdkTypes = { Keyword: SearchAttributeType.KEYWORD, Bool: SearchAttributeType.BOOL } as const;
type SdkTypeOf<N extends SearchAttributeName> = (typeof sdkTypes)[(typeof searchAttributeTypes)[N]];

export const searchAttributes = Object.fromEntries(
  Object.entries(searchAttributeTypes).map(([name, type]) => [name, defineSearchAttributeKey(name, sdkTypes[type])]),
) as { [N in SearchAttributeName]: ReturnType<typeof defineSearchAttributeKey<SdkTypeOf<N>>> };
