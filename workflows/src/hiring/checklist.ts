/** What must be done before a hired job launches, in the words the reminders use. Pure. */
export interface OnboardingState {
  credentialsHandedOver: boolean;
  stakeholdersWithContacts: boolean;
  scopeAgreed: boolean;
  budgetAgreed: boolean;
  guidelinesAcknowledged: boolean;
}

export function missingItems(s: OnboardingState): string[] {
  return [
    ...(s.credentialsHandedOver ? [] : ['tool access (credentials)']),
    ...(s.stakeholdersWithContacts ? [] : ['stakeholders with emails and phones']),
    ...(s.scopeAgreed ? [] : ['scope agreed']),
    ...(s.budgetAgreed ? [] : ['budget agreed']),
    ...(s.guidelinesAcknowledged ? [] : ['service guidelines acknowledged']),
  ];
}
