import { queryRatingBodySchema, queryRatingViewSchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { registerOneClickLinkPage, type RouteRegistrar } from '@guild/platform';
import { rateQuery } from '../domain/rate-query.js';

/** Satisfaction ratings from the resolution mail: a page with a form, its form post, and a JSON twin. */
export function registerRatingRoutes(r: RouteRegistrar, { prisma, ratingLinkKey }: { prisma: PrismaClient; ratingLinkKey: string }) {
  registerOneClickLinkPage(r, {
    path: '/ratings/answer',
    tags: ['ratings'],
    page: {
      summary: 'The page a rating link opens (`#token=…`): confirms the score, takes a comment',
      description: 'HTML. Opening it rates nothing; its form posts to `POST /ratings/answer`.',
      title: 'How did we do?',
    },
    form: {
      summary: "The rating page's form (urlencoded `token`, `comment`)",
      description: 'HTML. One rating per query (409 on a second, the first kept); a forged or expired link is a 404.',
    },
    formHtml: `<p>Your rating: <strong id="score">?</strong> out of 5</p>
<p><label for="comment">Anything you would like to tell us? (optional)</label><br><textarea id="comment" name="comment" rows="5" cols="60" maxlength="5000"></textarea></p>
<p><button type="submit">Send my rating</button></p>`,
    noScript: 'This page needs JavaScript to read your rating from the link.',
    notAFormMessage: 'send the rating form',
    showsScore: true,
    refusedTitle: 'We could not take this rating',
    act: async (form) => {
      const comment = form.get('comment')?.trim().slice(0, 5_000);
      const rating = await rateQuery(prisma, ratingLinkKey, { token: form.get('token') ?? '', comment });
      return { status: 201, title: 'Thank you', html: `<p>We received your rating of ${rating.score}.</p>` };
    },
  });

  r.route({
    method: 'post',
    path: '/ratings',
    summary: 'Rate a resolved query through its signed link (JSON)',
    description: 'The token carries the query and the 1–5 score, signed, with an expiry; one rating per query (409 on a second). No sign-in.',
    tags: ['ratings'],
    roles: 'public',
    body: queryRatingBodySchema,
    response: queryRatingViewSchema,
    status: 201,
    handler: async ({ body }) => rateQuery(prisma, ratingLinkKey, body),
  });
}
