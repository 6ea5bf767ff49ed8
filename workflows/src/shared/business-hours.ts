// The calendar math lives in contracts, so support's reports count business time exactly as the
// workflow's clocks do; this file keeps the workflow's imports where they were.
export { addBusinessTime, businessTimeBetween, type BusinessCalendar, type Weekday } from '@guild/contracts/business-hours';
