import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./support/run-service-fixture.ts', import.meta.url));

interface Started {
  child: ChildProcessWithoutNullStreams;
  lines: Record<string, unknown>[];
  exited: Promise<{ code: number | null; stderr: string }>;
}

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startFixture(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
  });
  children.push(child);
  const lines: Record<string, unknown>[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const complete = stdout.split('\n');
    stdout = complete.pop() ?? '';
    for (const line of complete) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  );
  return { child, lines, exited };
}

async function listening(started: Started): Promise<{ host: string; port: number }> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const line = started.lines.find((l) => l.msg === 'listening');
    if (line) return { host: String(line.host), port: Number(line.port) };
    if (started.child.exitCode !== null) throw new Error(`fixture exited: ${(await started.exited).stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('fixture never listened');
}

describe('runService', () => {
  it('exits 1 naming the variable when the config is bad', async () => {
    const { code, stderr } = await startFixture({}).exited;
    expect(code).toBe(1);
    expect(stderr).toContain('FIXTURE_GREETING: is required but not set');
  });

  it('listens on loopback only unless HOST says otherwise', async () => {
    const started = startFixture({ FIXTURE_GREETING: 'hello' });
    const { host, port } = await listening(started);
    expect(host).toBe('127.0.0.1');
    await expect(fetch(`http://127.0.0.1:${port}/`).then((r) => r.text())).resolves.toBe('hello');
  });

  it('listens on every interface when a container sets HOST=0.0.0.0', async () => {
    const { host } = await listening(startFixture({ FIXTURE_GREETING: 'hello', HOST: '0.0.0.0' }));
    expect(host).toBe('0.0.0.0');
  });

  it('on SIGTERM stops its background parts and exits 0', async () => {
    const started = startFixture({ FIXTURE_GREETING: 'hello' });
    await listening(started);
    started.child.kill('SIGTERM');
    const { code } = await started.exited;
    expect(code).toBe(0);
    const messages = started.lines.map((l) => l.msg);
    expect(messages.indexOf('background part stopped')).toBeGreaterThan(messages.indexOf('stopping'));
    expect(messages.at(-1)).toBe('stopped');
  });

  it('with LOG_BUFFER_BYTES its lines still arrive while the buffer is not full, and the last ones on SIGTERM', async () => {
    const started = startFixture({ FIXTURE_GREETING: 'hello', LOG_BUFFER_BYTES: '4096' });
    await listening(started);
    started.child.kill('SIGTERM');
    const { code } = await started.exited;
    expect(code).toBe(0);
    expect(started.lines.map((l) => l.msg).slice(-2)).toEqual(['background part stopped', 'stopped']);
  });
});
