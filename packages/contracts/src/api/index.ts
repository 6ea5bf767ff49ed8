export * from './common.js';
export * from './support.js';
export * from './identity.js';
export * from './support-knowledge.js';
export * from './projects.js';
export * from './billing.js';
export * from './payouts.js';
export * from './vault.js';
