import type { PrismaClient } from '@guild/db';
import type { Principal } from '@guild/platform';
import { changeStage } from './change-stage.js';
import { findLeadFor } from './find-lead.js';
import { meetingLength } from './sales-errors.js';
import { assertStepAllowed } from './stages.js';

/** The 30–60 minute sales meeting: how the network works, the offer, the next steps. */
export async function bookMeeting(prisma: PrismaClient, principal: Principal, id: string, body: { startsAt: string; minutes: number }) {
  if (body.minutes < 30 || body.minutes > 60) throw meetingLength();
  return prisma.$transaction(async (tx) => {
    const lead = await findLeadFor(tx, principal, id);
    assertStepAllowed('book the meeting', lead.stage);
    return changeStage(tx, lead, 'meeting_booked', { meetingAt: new Date(body.startsAt), meetingMinutes: body.minutes });
  });
}
