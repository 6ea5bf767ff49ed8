export * from './common.js';
export * from './support.js';
