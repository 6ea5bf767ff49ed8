/** The projects policy: what the service decides by itself, set from config at boot. */
export interface ProjectsSettings {
  /** An expert who declines a meeting later than this before it starts makes a late reschedule. */
  rescheduleNoticeHours: number;
  /** Signs the one-click NPS answer links (HMAC-SHA256). */
  npsLinkKey: string;
  /** Where people reach this service from a mail (the NPS answer page). */
  publicUrl: string;
}
