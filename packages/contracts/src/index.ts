export * from './events/index.js';
export * from './api/index.js';
export * from './pricing.js';
