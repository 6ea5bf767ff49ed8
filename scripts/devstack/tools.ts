import { constants } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { capture, run } from './run.js';
import { fail, say, seconds } from './steps.js';

/** A server we run from a Go module: no binary download works here, `go install` does. */
export interface GoTool {
  label: string;
  binary: string;
  module: string;
  version: string;
  coldBuild: string;
  buildEnv?: Record<string, string>;
  /** Arguments that make the binary print its version: a copy on PATH of another version is passed over. */
  versionArgs?: string[];
}

export const temporalCli: GoTool = {
  label: 'Temporal CLI',
  binary: 'temporal',
  // The newest tag that `go install` accepts: later ones carry a `replace` directive.
  module: 'github.com/temporalio/cli/cmd/temporal',
  version: '1.5.1',
  coldBuild: '≈ 6 min on 2 cores',
  buildEnv: { CGO_ENABLED: '0' },
};

export const stripeMock: GoTool = {
  label: 'stripe-mock',
  binary: 'stripe-mock',
  module: 'github.com/stripe/stripe-mock',
  version: '0.197.0',
  coldBuild: '≈ 1 min',
};

// The version docker-compose.yml runs (its nats image tag), so development, tests and deployment
// run one server version.
export const natsServer: GoTool = {
  label: 'nats-server',
  binary: 'nats-server',
  module: 'github.com/nats-io/nats-server/v2',
  version: '2.15.2',
  coldBuild: '≈ 75 s on 2 cores',
  buildEnv: { CGO_ENABLED: '0' },
  versionArgs: ['--version'],
};

const minimumGo = [1, 25] as const;

export function cachedPath(tool: GoTool): string {
  return path.join(os.homedir(), '.cache', 'guild', 'bin', `${tool.binary}-${tool.version}`, tool.binary);
}

/** The tool on PATH, else our cached build, else a fresh `go install` into the cache. */
export async function findOrBuild(tool: GoTool): Promise<string> {
  const onPath = await findOnPath(tool.binary);
  if (onPath && (await isPinnedVersion(tool, onPath))) {
    say(tool.label, `using ${onPath} from PATH`);
    return onPath;
  }
  const cached = cachedPath(tool);
  if (await isExecutable(cached)) {
    say(tool.label, `using cached build at ${cached}`);
    return cached;
  }
  await ensureGo(tool);
  return build(tool, cached);
}

async function isPinnedVersion(tool: GoTool, binary: string): Promise<boolean> {
  if (!tool.versionArgs) return true;
  const { status, output } = await capture(binary, tool.versionArgs);
  const pinned = status === 0 && new RegExp(`\\bv?${tool.version.replaceAll('.', '\\.')}\\b`).test(output);
  if (!pinned) say(tool.label, `passing over ${binary} from PATH (${output.trim() || `exit ${status}`}): the project runs v${tool.version}`);
  return pinned;
}

async function build(tool: GoTool, target: string): Promise<string> {
  const dir = path.dirname(target);
  // Built beside the cache entry and moved in at the end, so an interrupted build leaves nothing behind.
  const partial = `${dir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const source = `${tool.module}@v${tool.version}`;
  say(tool.label, `building ${source} into ${dir} (first time only, ${tool.coldBuild})`);
  const started = Date.now();
  const status = await run('go', ['install', source], {
    env: { ...process.env, ...tool.buildEnv, GOBIN: partial },
  });
  if (status !== 0) {
    await rm(partial, { recursive: true, force: true });
    fail(tool.label, `go install ${source} failed (exit ${status})`, 'read the Go error above; a network error means the Go module proxy was not reachable — run again when it is');
  }
  await rm(dir, { recursive: true, force: true });
  try {
    await rename(partial, dir);
  } catch (error) {
    // Another of our commands (npm start, npm test, the bench) built the same pinned version at the
    // same time and moved it in first: theirs is as good as ours.
    const code = (error as NodeJS.ErrnoException).code;
    if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !(await isExecutable(target))) throw error;
    await rm(partial, { recursive: true, force: true });
  }
  say(tool.label, `built in ${seconds(Date.now() - started)}`);
  return target;
}

async function ensureGo(tool: GoTool): Promise<void> {
  const remedy = `install Go ≥ ${minimumGo.join('.')} from https://go.dev/dl (Debian's golang-go package is too old) and put its bin/ on PATH, then run again — or put a \`${tool.binary}\` binary (v${tool.version}) on PATH`;
  const { status, output } = await capture('go', ['env', 'GOVERSION']);
  if (status !== 0) fail(tool.label, `not on PATH and not cached, and Go is not installed to build it`, remedy);
  const [, major = '0', minor = '0'] = /^go(\d+)\.(\d+)/.exec(output) ?? [];
  if (Number(major) < minimumGo[0] || (Number(major) === minimumGo[0] && Number(minor) < minimumGo[1])) {
    fail(tool.label, `building it needs Go ≥ ${minimumGo.join('.')}, this machine has ${output}`, remedy);
  }
}

async function findOnPath(binary: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (dir && (await isExecutable(candidate))) return candidate;
  }
  return undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// The Temporal server itself, for the benchmarks on PostgreSQL (`npm start` keeps the dev server).
// v1.31+ need a newer Go than the machine's; v1.30.4 builds with go 1.25+.
export const temporalServer: GoTool = {
  label: 'Temporal server',
  binary: 'server',
  module: 'go.temporal.io/server/cmd/server',
  version: '1.30.4',
  coldBuild: '≈ 3 min on 2 cores',
  buildEnv: { CGO_ENABLED: '0' },
  versionArgs: ['--version'],
};

/** temporal-sql-tool: creates and migrates the Temporal server's PostgreSQL schemas. */
export const temporalSqlTool: GoTool = {
  label: 'temporal-sql-tool',
  binary: 'sql',
  module: 'go.temporal.io/server/cmd/tools/sql',
  version: '1.30.4',
  coldBuild: '≈ 1 min on 2 cores',
  buildEnv: { CGO_ENABLED: '0' },
  versionArgs: ['--version'],
};
