#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { signToken } from '../auth.js';
import { parseTokenArgs, readJwtSecret, usage } from './dev-token.js';

// Prints a development access token, and nothing else, so `$(npm run -s token -- …)` works.
try {
  const { principal, ttl } = parseTokenArgs(process.argv.slice(2));
  const secret = readJwtSecret(process.env, [process.cwd(), fileURLToPath(new URL('.', import.meta.url))]);
  process.stdout.write(`${await signToken(secret, principal, { expiresIn: ttl })}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exitCode = 2;
}
