import type { RequestHandler } from 'express';

// Routes that authenticate by what their body carries (a password, a refresh token, a link
// token, a client secret) or not at all. The app factory verifies any bearer token sent to a
// public route, so a client that attaches its expired access token to every request could not
// refresh it. These routes never use a principal: the header is dropped before it is checked.
const credentialRoutes = /^\/(auth\/|invitations\/accept$|\.well-known\/)/;

export const ignoreBearerOnCredentialRoutes: RequestHandler = (req, _res, next) => {
  if (credentialRoutes.test(req.path)) delete req.headers.authorization;
  next();
};
