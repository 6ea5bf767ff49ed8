import { registerOneClickLinkPage, type RouteRegistrar } from '@guild/platform';
import { answerNpsSurvey } from '../domain/nps.js';
import type { ProjectsSettings } from '../domain/settings.js';
import type { ProjectRouteDeps } from './projects.js';

/** The page an NPS mail link opens (`#token=…`): it confirms the score and takes a comment; sending it answers. */
export function registerNpsAnswerPage(r: RouteRegistrar, { prisma, eventsRecorded, settings }: ProjectRouteDeps & { settings: ProjectsSettings }) {
  registerOneClickLinkPage(r, {
    path: '/nps/answer',
    tags: ['nps'],
    page: {
      summary: 'The page an NPS mail link opens (`#token=…`): confirms the score, takes a comment',
      description: 'HTML. Opening it answers nothing; its form posts to `POST /nps/answer`.',
      title: 'Thank you for your feedback',
    },
    form: {
      summary: "The NPS answer page's form (urlencoded `token`, `comment`)",
      description: 'HTML. One answer per survey; front ends send JSON to `POST /nps/answers` instead.',
    },
    formHtml: `<p>Your score: <strong id="score">?</strong> out of 10</p>
<p><label for="comment">Anything you would like to tell us? (optional)</label><br><textarea id="comment" name="comment" rows="5" cols="60" maxlength="5000"></textarea></p>
<p><button type="submit">Send my answer</button></p>`,
    noScript: 'This page needs JavaScript to read your answer from the link.',
    notAFormMessage: 'send the answer form',
    showsScore: true,
    refusedTitle: 'We could not take this answer',
    act: async (form) => {
      const comment = form.get('comment')?.trim();
      const answer = await answerNpsSurvey(prisma, settings.npsLinkKey, { token: form.get('token') ?? '', ...(comment ? { comment: comment.slice(0, 5_000) } : {}) });
      eventsRecorded();
      return { status: 201, title: 'Thank you', html: `<p>We received your score of ${answer.score}.</p>` };
    },
  });
}
