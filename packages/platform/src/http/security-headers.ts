import type { RequestHandler } from 'express';

// An API answers JSON only: nothing it sends may run scripts, be framed or be cached by the way.
// Swagger UI under /docs needs its own scripts and styles.
const apiPolicy = "default-src 'none'; frame-ancestors 'none'";
const docsPolicy =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";

export const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
  const docs = req.path === '/docs' || req.path.startsWith('/docs/');
  res.setHeader('content-security-policy', docs ? docsPolicy : apiPolicy);
  // API answers (tokens, customer data) must never sit in a shared cache; a route may override it.
  if (!docs) res.setHeader('cache-control', 'no-store');
  next();
};
