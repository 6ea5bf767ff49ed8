export { eventually } from './eventually.js';
export { logLines } from './log-lines.js';
export { captureLogs } from './capture-logs.js';
export { testJwtSecret } from './jwt-secret.js';
export { customer, expert, ops, service, tokenFor } from './principals.js';
export { bearerCaller, callerAs } from './caller.js';
export { listenOnFreePort } from './listen.js';
export { createTestNamespace, type TestNamespace } from './namespace.js';
export { freePort, startMailSink, tokenOfLink, type MailSink, type SunkMail } from './mail-sink.js';
