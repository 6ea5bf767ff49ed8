import path from 'node:path';
import { projectBin, shown } from './paths.js';
import { httpAnswers, tcpAnswers, waitUntil } from './probes.js';
import { fail, say } from './steps.js';
import type { ProcessSpec } from './supervisor.js';

/** maildev: an SMTP sink whose web UI and REST API (`/api/email`) show what the app sent. */
export function mailSink(ports: { smtp: number; web: number }, mailDir: string | undefined, logFile: string): ProcessSpec {
  return {
    name: 'maildev',
    logFile,
    ports: [ports.smtp, ports.web],
    argv: [
      path.join(projectBin, 'maildev'),
      '--ip', '127.0.0.1',
      '--web-ip', '127.0.0.1',
      '--smtp', String(ports.smtp),
      '--web', String(ports.web),
      ...(mailDir ? ['--mail-directory', mailDir] : []),
    ],
  };
}

export async function waitForMailSink(ports: { smtp: number; web: number }, gaveUp: () => string | undefined, logFile: string): Promise<void> {
  const answered = await waitUntil(
    async () => (await tcpAnswers('127.0.0.1', ports.smtp)) && (await httpAnswers(`http://127.0.0.1:${ports.web}/api/email`)),
    { timeoutMs: 30_000, gaveUp },
  );
  if (!answered.ok) fail('mail sink', `maildev does not answer: ${answered.reason}`, `read ${shown(logFile)}, then run again`);
  say('mail sink', `SMTP at 127.0.0.1:${ports.smtp}, web UI and /api/email at http://127.0.0.1:${ports.web}`);
}
