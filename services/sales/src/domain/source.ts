/** The name this service records its events, mails and logs under. */
export const SALES_SOURCE = 'sales';
