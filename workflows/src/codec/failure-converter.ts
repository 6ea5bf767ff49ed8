import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Error messages and stack traces are stored in clear by default ("no customer jane@… found").
 * Encoding them moves both into a payload, so the encryption codec covers them too.
 * Loaded by path (`failureConverterPath`): the worker bundles it into the workflow sandbox.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
