import type { ReplyBody } from '@guild/contracts';

const whatHappensNext: Record<ReplyBody['kind'], string> = {
  answer: '',
  action: 'We have put this on your project board as a task.',
  checking: 'We are checking this with our expert community and will come back to you.',
  research: 'This needs research and may take a while; we will send you regular updates.',
  needs_info: 'To go on we need the information below. Just reply to this email.',
};

/** The text a customer reads: the expert's words, what happens next, and when to expect it (saying so when it moved). */
export function replyMailText(body: ReplyBody, etaAt: Date | null, previousEtaAt: Date | null = null): string {
  const lines = [body.answer.trim()];
  if (whatHappensNext[body.kind]) lines.push('', whatHappensNext[body.kind]);
  if (body.needInfo?.length) {
    lines.push('', ...body.needInfo.map((n) => `- ${n.item.replaceAll('_', ' ')}${n.note ? `: ${n.note}` : ''}`));
  }
  if (etaAt) {
    const moved = previousEtaAt !== null && previousEtaAt.getTime() !== etaAt.getTime();
    lines.push('', moved ? `New ETA: ${etaAt.toUTCString()} (was ${previousEtaAt.toUTCString()})` : `Expected by: ${etaAt.toUTCString()}`);
  }
  return lines.join('\n');
}
