import { notFound } from '@guild/platform';
import { statementMail } from '../mail/templates.js';
import { queueBillingMail } from '../mail/billing-mail.js';
import type { BillingDeps } from './billing-deps.js';
import { balanceOf } from './ledger.js';

/** Mails the customer the period's statement, once; with nothing owed it is the only thing they get. */
export async function mailStatement(deps: BillingDeps, statementId: string): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const statement = await tx.billingStatement.findUnique({ where: { id: statementId } });
    if (!statement) throw notFound('statement');
    const account = await tx.billingAccount.findUniqueOrThrow({ where: { customerId: statement.customerId } });
    await queueBillingMail(tx, {
      idempotencyKey: `statement:${statement.id}`,
      template: statementMail,
      data: {
        period: statement.period,
        drawnMinutes: statement.drawnMinutes,
        drawnCents: statement.drawnCents,
        balanceBeforeCents: statement.overageCents > 0 ? -statement.overageCents : await balanceOf(tx, statement.customerId),
        invoicedCents: statement.overageCents,
        plan: account.plan as 'deposit' | 'pay_as_you_go',
      },
      to: [{ kind: 'company', companyId: statement.customerId }],
    });
    await tx.billingStatement.updateMany({ where: { id: statement.id, mailedAt: null }, data: { mailedAt: new Date() } });
  });
  deps.eventsRecorded();
}
