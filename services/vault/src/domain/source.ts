/** The name this service records its events and logs under. */
export const VAULT_SOURCE = 'vault';
