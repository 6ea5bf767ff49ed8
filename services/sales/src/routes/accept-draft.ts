import type { PrismaClient } from '@guild/db';
import { registerOneClickLinkPage, type RouteRegistrar } from '@guild/platform';
import { acceptDraft } from '../domain/report-outcome.js';

/** The page the draft's accept link opens (`#token=…`): opening it accepts nothing; sending its form accepts, once. */
export function registerAcceptDraftRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: { prisma: PrismaClient; eventsRecorded: () => void }) {
  registerOneClickLinkPage(r, {
    path: '/drafts/accept',
    tags: ['drafts'],
    page: { summary: 'The page a draft’s accept link opens (`#token=…`); opening it accepts nothing', title: 'Your project plan' },
    form: {
      summary: "The accept page's form (urlencoded `token`): the lead is won and the customer's company is opened, once",
      description: 'HTML. A used, replaced or made-up link is a 404 page; accepting twice opens one company.',
    },
    formHtml: `<p>Accepting opens your company's account; we mail you an invitation to sign in.</p>
<p><button type="submit">Accept the project plan</button></p>`,
    noScript: 'This page needs JavaScript to read your link.',
    notAFormMessage: 'send the accept form',
    maxFormBytes: 4 * 1024,
    refusedTitle: 'This link is no longer valid',
    act: async (form) => {
      await acceptDraft(prisma, form.get('token') ?? '');
      eventsRecorded();
      return {
        status: 200,
        title: 'Thank you — your plan is accepted',
        html: '<p>We are opening your company’s account: look for our invitation in your mailbox.</p>',
      };
    },
  });
}
