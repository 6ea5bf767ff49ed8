import type { CreateProjectBody } from '@guild/contracts';
import type { ActivityDeps } from '../services.js';
import type { OnboardingState } from './checklist.js';

const job = (jobId: string) => `/jobs/${encodeURIComponent(jobId)}`;

interface JobState {
  projectId: string | null;
  onboarding: { scopeAgreed: boolean; budgetAgreed: boolean; guidelinesAcknowledged: boolean };
}

/** The hiring process's calls: the marketplace, projects (the contract), vault (tool access) and billing (the deposit invoice). */
export function createHiringActivities({ services: { marketplace, projects, vault, billing } }: ActivityDeps) {
  return {
    async inviteHiringWave(jobId: string, wave: number, size: number): Promise<number> {
      return (await marketplace.post<{ invited: unknown[] }>(`${job(jobId)}/invitation-waves`, { wave, size })).invited.length;
    },
    /** Creates the project once (idempotency key: the workflow id + step) and records it on the job. */
    async signHiringContract(jobId: string): Promise<string> {
      const existing = await marketplace.get<JobState>(job(jobId));
      if (existing.projectId) return existing.projectId;
      const contract = await marketplace.get<CreateProjectBody>(`${job(jobId)}/contract`);
      const project = await projects.post<{ id: string }>('/projects', contract, { idempotencyKey: `hiring-${jobId}:contract` });
      await marketplace.post(`${job(jobId)}/project`, { projectId: project.id });
      return project.id;
    },
    async sendHiringWelcomeMails(jobId: string, customerId: string): Promise<void> {
      const invoices = await billing.find<{ items: { id: string; kind: string; amountCents: number; status: string }[] }>(`/customers/${encodeURIComponent(customerId)}/invoices?limit=20`);
      const deposit = invoices?.items.find((i) => i.kind === 'deposit') ?? null;
      await marketplace.post(`${job(jobId)}/welcome-mails`, { depositInvoice: deposit && { invoiceId: deposit.id, amountCents: deposit.amountCents, status: deposit.status } });
    },
    /** The checklist: tool access from the vault (a count, never a secret), stakeholders from projects, the rest from the marketplace. */
    async readOnboardingChecklist(jobId: string, projectId: string): Promise<OnboardingState> {
      const [state, credentials, stakeholders] = await Promise.all([
        marketplace.get<JobState>(job(jobId)),
        vault.get<{ handedOver: boolean }>(`/projects/${projectId}/credential-status`),
        projects.get<{ items: { email: string; phone: string | null }[] }>(`/projects/${projectId}/stakeholders`),
      ]);
      return {
        credentialsHandedOver: credentials.handedOver,
        stakeholdersWithContacts: stakeholders.items.some((s) => s.email && s.phone),
        ...{ scopeAgreed: state.onboarding.scopeAgreed, budgetAgreed: state.onboarding.budgetAgreed, guidelinesAcknowledged: state.onboarding.guidelinesAcknowledged },
      };
    },
    async remindOnboarding(jobId: string, missing: string[], round: number): Promise<void> {
      await marketplace.post(`${job(jobId)}/onboarding-reminders`, { missing, round });
    },
    async sendTopOffersToCustomer(jobId: string, count: number): Promise<void> {
      await marketplace.post(`${job(jobId)}/top-offers-mail`, { count });
    },
    async raiseHiringAlert(jobId: string, kind: 'no_offers' | 'sla_breach'): Promise<void> {
      await marketplace.post(`${job(jobId)}/hiring-alerts`, { kind });
    },
    /** Activates the project (its sprint starts through the bridge) and marks the job launched. */
    async launchHiredProject(jobId: string, projectId: string): Promise<void> {
      const project = await projects.get<{ status: string }>(`/projects/${projectId}`);
      if (project.status === 'launching') await projects.post(`/projects/${projectId}/activation`);
      await marketplace.post(`${job(jobId)}/launch`);
    },
  };
}
