import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The SDK's public entry points are its API; files under `lib/` move between releases.
const sdkInternals = { group: ['@temporalio/*/lib', '@temporalio/*/lib/**'], message: 'Import from the package entry (@temporalio/workflow, …), not SDK internals.' };

/**
 * Workflow code: every file under workflows/src is bundled into the replayed workflow sandbox
 * unless it is named here as worker-side (activities, the bridge, schedules, boot, clients). A new
 * file is therefore deterministic until someone says otherwise, and
 * workflows/test/workflow-bundle-lint.test.ts fails if a file the bundle imports escapes these rules.
 */
// Calendar math the workflow's clocks import from contracts is held to the same rules.
const workflowCode = ['workflows/src/**/*.ts', 'workflows/test/fixtures/**/*workflow*.ts', 'packages/contracts/src/business-hours.ts'];
const workerSide = [
  'workflows/src/{worker,bridge,schedules,config,services,activities,event-bridge,event-handlers}.ts',
  'workflows/src/codec/**',
  'workflows/src/schedules/**',
  'workflows/src/**/activities.ts',
  'workflows/src/**/bridge-handlers.ts',
  'workflows/src/**/schedule.ts',
  'workflows/src/shared/{service-client,merge-activities}.ts',
  'workflows/src/**/*.test.ts',
];

const determinism = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['node:*', ...builtinModules], message: 'Workflow code is deterministic: no Node builtins.' },
        {
          group: ['@prisma/*', '@guild/db', 'stripe', 'nats', '@nats-io/*', '@guild/platform', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'],
          message: 'Workflow code is deterministic: do I/O in activities.',
        },
        sdkInternals,
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    ...['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask'].map((name) => ({ name, message: 'Use sleep() or condition() from @temporalio/workflow.' })),
    ...['fetch', 'process', 'require', 'performance', 'crypto', 'WeakRef', 'FinalizationRegistry'].map((name) => ({
      name,
      message: 'Workflow code is deterministic: no I/O, environment or garbage-collector observations.',
    })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use uuid4() from @temporalio/workflow.' },
    { object: 'Date', property: 'now', message: 'Rules take the time as an argument; only workflow.ts reads the workflow clock.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Rules take the time as an argument; only workflow.ts reads the workflow clock.' },
  ],
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '.data/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { patterns: [sdkInternals] }],
    },
  },
  {
    // Workflow code is replayed: it must not reach the outside world except through activities.
    files: workflowCode,
    ignores: workerSide,
    rules: determinism,
  },
  {
    // Inside the workflow sandbox the SDK makes Date.now() and new Date() the deterministic workflow clock.
    files: ['workflows/src/**/workflow.ts'],
    rules: { 'no-restricted-properties': ['error', determinism['no-restricted-properties'][1]], 'no-restricted-syntax': 'off' },
  },
);
