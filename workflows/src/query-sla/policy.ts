import { z } from 'zod';

/**
 * How long the support promises last. Passed as workflow input so ops can change them without a
 * deploy and tests can run them in seconds. Durations are Temporal duration strings ('1h', '15m').
 */
export const querySlaPolicySchema = z.object({
  firstReply: z.string().min(1).default('1h'),
});
export type QuerySlaPolicy = z.infer<typeof querySlaPolicySchema>;

export const defaultQuerySlaPolicy: QuerySlaPolicy = querySlaPolicySchema.parse({});
