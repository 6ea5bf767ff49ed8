/**
 * Community questions must not identify the customer: the expert writes them, and this removes
 * what slips through — email addresses, phone numbers and web addresses.
 */
export function removeContactDetails(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email removed]')
    .replace(/\bhttps?:\/\/\S+/gi, '[link removed]')
    .replace(/\+?\d[\d\s().-]{7,}\d/g, '[phone removed]');
}
