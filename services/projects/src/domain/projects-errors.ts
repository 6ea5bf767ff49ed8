import { AppError } from '@guild/platform';

// The refusals of this service that callers act on, each with its own stable code.

export const projectStatusRefused = (status: string, action: string) =>
  new AppError('project_status', { status: 409, message: `the project is ${status}: it cannot be ${action}` });

export const notAWeekStart = (day: string, weekStartDay: string) =>
  new AppError('not_a_week_start', { status: 400, message: `${day} does not start a week of this project (its weeks start on ${weekStartDay})` });

export const timeNotReported = (status: string) =>
  new AppError('time_not_reported', { status: 409, message: `report time on the task before moving it to ${status.replace('_', ' ')}` });

export const weekApproved = (weekStart: string) =>
  new AppError('week_approved', { status: 409, message: `the hours of the week of ${weekStart} are approved: ask ops to add this entry` });

export const entryNotInWeek = (id: string, weekStart: string) =>
  new AppError('entry_not_in_week', { status: 400, message: `time entry ${id} is not an entry of the week of ${weekStart}` });

export const entryNotDisputable = (id: string, status: string) =>
  new AppError('entry_not_disputable', { status: 409, message: `time entry ${id} is ${status}: only submitted hours can be disputed` });

export const entryNotDisputed = (status: string) =>
  new AppError('entry_not_disputed', { status: 409, message: `the time entry is ${status}: only a disputed entry is resolved` });

export const meetingStatusRefused = (status: string, action: string) =>
  new AppError('meeting_status', { status: 409, message: `the meeting is ${status}: it cannot be ${action}` });

export const meetingNotHeld = () =>
  new AppError('meeting_not_held', { status: 409, message: 'the meeting has not started yet: its summary comes after it' });

export const releaseStepMissing = (missing: string, step: string) =>
  new AppError('release_step_missing', { status: 409, message: `record the ${missing} step before ${step}` });

export const releaseStepRecorded = (step: string) =>
  new AppError('release_step_recorded', { status: 409, message: `the ${step} step of this release is already recorded` });

export const invalidNpsLink = () =>
  new AppError('invalid_nps_link', { status: 400, message: 'the survey link is invalid' });

export const npsAlreadyAnswered = () =>
  new AppError('nps_already_answered', { status: 409, message: 'this survey is already answered' });

export const npsNotDue = (weekStart: string) =>
  new AppError('nps_not_due', { status: 409, message: `the project's NPS cadence asks no survey for the week of ${weekStart}` });
