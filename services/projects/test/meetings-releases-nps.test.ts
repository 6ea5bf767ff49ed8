import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npsAnswerToken } from '../src/domain/nps-link.js';
import { acme, activeProject, alice, bob, globex, ops, service, startProjectsApp, testSettings, type ProjectsApp } from './projects-app.js';

let projects: ProjectsApp;
beforeAll(async () => {
  projects = await startProjectsApp();
});
afterAll(async () => projects?.db.drop());

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

async function bookedMeeting(startsAt: string) {
  const project = await activeProject(projects);
  const res = await projects.as(acme).post(`/projects/${project.id}/meetings`, { startsAt, durationMinutes: 30, agenda: 'Pipeline review' });
  expect(res.status).toBe(201);
  return { project, meeting: res.body as { id: string } };
}

describe('meetings', () => {
  it('the customer books a slot and the expert confirms it', async () => {
    const { meeting } = await bookedMeeting(hoursFromNow(48));
    const confirmed = await projects.as(alice).post(`/meetings/${meeting.id}/confirmation`);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', expertId: 'alice' });
    expect(await projects.db.prisma.outboxEvent.count({ where: { subject: 'projects.meeting.booked', payload: { path: ['meetingId'], equals: meeting.id } } })).toBe(1);
  });

  it('declined 12 hours or more before, with a new time, is a reschedule in time', async () => {
    const { meeting } = await bookedMeeting(hoursFromNow(48));
    const declined = await projects.as(alice).post(`/meetings/${meeting.id}/decline`, { proposedStartsAt: hoursFromNow(72) });
    expect(declined.body).toMatchObject({ status: 'rescheduling', lateReschedule: false });
    const moved = await projects.as(acme).post(`/meetings/${meeting.id}/proposal-acceptance`);
    expect(moved.body).toMatchObject({ status: 'confirmed', startsAt: declined.body.proposedStartsAt });
  });

  it('declined later than 12 hours before is a late reschedule that ops see per expert', async () => {
    const { meeting } = await bookedMeeting(hoursFromNow(2));
    const declined = await projects.as(alice).post(`/meetings/${meeting.id}/decline`, { proposedStartsAt: hoursFromNow(30) });
    expect(declined.body.lateReschedule).toBe(true);
    const event = await projects.db.prisma.outboxEvent.findFirstOrThrow({ where: { subject: 'projects.meeting.rescheduled', payload: { path: ['meetingId'], equals: meeting.id } } });
    expect(event.payload).toMatchObject({ late: true });
    const report = await projects.as(ops).get('/reports/late-reschedules?expertId=alice');
    expect(report.body.experts).toEqual([expect.objectContaining({ expertId: 'alice', meetings: expect.arrayContaining([expect.objectContaining({ meetingId: meeting.id })]) })]);
    expect((await projects.as(acme).get('/reports/late-reschedules')).status).toBe(403);
  });

  it('a meeting summary with other than three points is refused', async () => {
    const { meeting } = await bookedMeeting(hoursFromNow(-1));
    await projects.as(alice).post(`/meetings/${meeting.id}/confirmation`);
    for (const points of [['one', 'two'], ['one', 'two', 'three', 'four']]) {
      const res = await projects.as(alice).post(`/meetings/${meeting.id}/summary`, { points });
      expect(res.status).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.points');
    }
  });

  it('after the meeting the expert posts three points and its follow-up tasks go on the board', async () => {
    const { project, meeting } = await bookedMeeting(hoursFromNow(-1));
    await projects.as(alice).post(`/meetings/${meeting.id}/confirmation`);
    const res = await projects.as(alice).post(`/meetings/${meeting.id}/summary`, {
      points: ['Pipelines agreed', 'Import next week', 'Access via secured form'],
      followUpTasks: [{ title: 'Import contacts', estimateMinutes: 180 }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'summarized', summaryPoints: ['Pipelines agreed', 'Import next week', 'Access via secured form'] });
    expect(res.body.followUpTaskIds).toHaveLength(1);
    const board = await projects.as(acme).get(`/projects/${project.id}/tasks`);
    expect(board.body.items).toEqual([expect.objectContaining({ id: res.body.followUpTaskIds[0], title: 'Import contacts', meetingId: meeting.id, status: 'todo' })]);
  });

  it('a summary before the meeting is refused', async () => {
    const { meeting } = await bookedMeeting(hoursFromNow(5));
    await projects.as(alice).post(`/meetings/${meeting.id}/confirmation`);
    const res = await projects.as(alice).post(`/meetings/${meeting.id}/summary`, { points: ['a', 'b', 'c'] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('meeting_not_held');
  });

  it("another expert cannot answer the project's meetings", async () => {
    const { meeting } = await bookedMeeting(hoursFromNow(48));
    expect((await projects.as(bob).post(`/meetings/${meeting.id}/confirmation`)).status).toBe(404);
  });
});

describe('releases', () => {
  it('production before tested is refused, naming the missing step', async () => {
    const project = await activeProject(projects);
    const release = (await projects.as(alice).post(`/projects/${project.id}/releases`, { title: 'Lead scoring' })).body;
    expect((await projects.as(alice).post(`/releases/${release.id}/steps`, { step: 'staging', link: 'https://staging.acme.test/build/12' })).status).toBe(201);
    const early = await projects.as(alice).post(`/releases/${release.id}/steps`, { step: 'production', note: 'Going live' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'release_step_missing', message: 'record the tested step before production' });
  });

  it('staging → tested → production, each step with who and its evidence', async () => {
    const project = await activeProject(projects);
    const release = (await projects.as(alice).post(`/projects/${project.id}/releases`, { title: 'Lead scoring' })).body;
    await projects.as(alice).post(`/releases/${release.id}/steps`, { step: 'staging', link: 'https://staging.acme.test/build/12' });
    await projects.as(acme).post(`/releases/${release.id}/steps`, { step: 'tested', note: 'Checked with the sales team' });
    const live = await projects.as(alice).post(`/releases/${release.id}/steps`, { step: 'production', note: 'Duplicated to production' });
    expect(live.body.steps.map((s: { step: string; recordedBy: string }) => [s.step, s.recordedBy])).toEqual([
      ['staging', 'user-alice'],
      ['tested', 'user-acme'],
      ['production', 'user-alice'],
    ]);
  });

  it('a step without evidence is refused', async () => {
    const project = await activeProject(projects);
    const release = (await projects.as(alice).post(`/projects/${project.id}/releases`, { title: 'x' })).body;
    expect((await projects.as(alice).post(`/releases/${release.id}/steps`, { step: 'staging' })).status).toBe(400);
  });
});

describe('NPS', () => {
  async function survey(overrides: Record<string, unknown> = {}) {
    const project = await activeProject(projects, overrides);
    const res = await projects.as(service).post(`/projects/${project.id}/nps-surveys`, { weekStart: project.currentWeekStart });
    expect(res.status).toBe(201);
    return { project, survey: res.body as { id: string; period: string } };
  }

  it('the survey of a week is made once, by the sprint workflow', async () => {
    const { project, survey: first } = await survey();
    const again = await projects.as(service).post(`/projects/${project.id}/nps-surveys`, { weekStart: first.period });
    expect(again.body.id).toBe(first.id);
    expect((await projects.as(acme).post(`/projects/${project.id}/nps-surveys`, { weekStart: first.period })).status).toBe(403);
  });

  it('a biweekly project is asked every other week', async () => {
    const project = await activeProject(projects, { npsCadence: 'biweekly' });
    const [thisWeek, nextWeek] = [project.currentWeekStart, new Date(Date.parse(project.currentWeekStart) + 7 * 86_400_000).toISOString().slice(0, 10)];
    expect((await projects.as(service).get(`/projects/${project.id}/weeks/${nextWeek}`)).body.npsDue).toBe(false);
    const skipped = await projects.as(service).post(`/projects/${project.id}/nps-surveys`, { weekStart: nextWeek });
    expect(skipped.status).toBe(409);
    expect(skipped.body.error.code).toBe('nps_not_due');
    expect((await projects.as(service).post(`/projects/${project.id}/nps-surveys`, { weekStart: thisWeek })).status).toBe(201);
  });

  it('the signed one-click link records the score once; a second answer is 409', async () => {
    const { project, survey: s } = await survey();
    const answer = await projects.anonymous.post('/nps/answers').send({ token: npsAnswerToken(testSettings.npsLinkKey, s.id, 9), comment: 'Great work' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ surveyId: s.id, score: 9 });
    const second = await projects.anonymous.post('/nps/answers').send({ token: npsAnswerToken(testSettings.npsLinkKey, s.id, 3) });
    expect(second.status).toBe(409);
    const events = await projects.db.prisma.outboxEvent.findMany({ where: { subject: 'projects.nps.answered', payload: { path: ['surveyId'], equals: s.id } } });
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ projectId: project.id, score: 9, detractor: false, customerId: 'acme', expertId: 'alice' })]);
    expect(JSON.stringify(events[0]!.payload)).not.toContain('Great work');
  });

  it('a score of 6 or less is flagged as a detractor, with the project and the comment support opens its query with', async () => {
    const { project, survey: s } = await survey();
    await projects.anonymous.post('/nps/answers').send({ token: npsAnswerToken(testSettings.npsLinkKey, s.id, 6), comment: 'Slow week' });
    const event = await projects.db.prisma.outboxEvent.findFirstOrThrow({ where: { subject: 'projects.nps.answered', payload: { path: ['surveyId'], equals: s.id } } });
    expect(event.payload).toMatchObject({ score: 6, detractor: true, projectTitle: project.title, comment: 'Slow week' });
  });

  it('a forged or altered link is refused', async () => {
    const { survey: s } = await survey();
    const forged = npsAnswerToken('another-key-0123456789abcdefghij', s.id, 10);
    expect((await projects.anonymous.post('/nps/answers').send({ token: forged })).status).toBe(400);
    const altered = npsAnswerToken(testSettings.npsLinkKey, s.id, 2).replace(`.${2}.`, '.10.');
    expect((await projects.anonymous.post('/nps/answers').send({ token: altered })).status).toBe(400);
    expect((await projects.anonymous.post('/nps/answers').send({ token: npsAnswerToken(testSettings.npsLinkKey, randomUUID(), 8) })).status).toBe(400);
  });

  it('ops see NPS per project and per expert over time', async () => {
    const { project, survey: s } = await survey({ expertId: 'carol' });
    await projects.anonymous.post('/nps/answers').send({ token: npsAnswerToken(testSettings.npsLinkKey, s.id, 10) });
    const report = await projects.as(ops).get('/reports/nps');
    expect(report.body.byProject).toContainEqual({ projectId: project.id, expertId: 'carol', answers: [{ period: s.period, score: 10 }], averageScore: 10, npsScore: 100 });
    expect(report.body.byExpert).toContainEqual({ expertId: 'carol', answers: [{ period: s.period, score: 10 }], averageScore: 10, npsScore: 100 });
    expect((await projects.as(globex).get('/reports/nps')).status).toBe(403);
  });
});

