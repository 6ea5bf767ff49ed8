#!/usr/bin/env node
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateSigningKeyPair } from '../keys/generate-key-pair.js';

const usage = `usage: generate-keys                   a new Ed25519 pair: private key (PKCS#8) then public key (SPKI)
       generate-keys --private         a new private key only, e.g. > .data/secrets/jwt-private.pem (then chmod 600)
       generate-keys --public-of FILE  the public key of an existing private key, to append to
                                       JWT_PREVIOUS_PUBLIC_KEYS_FILE before rotating to a new key`;

try {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { private: { type: 'boolean', default: false }, 'public-of': { type: 'string' } },
    strict: true,
  });
  const publicOf = values['public-of'];
  if (publicOf !== undefined) {
    const privateKey = createPrivateKey({ key: readFileSync(publicOf, 'utf8'), format: 'pem' });
    process.stdout.write(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString());
  } else {
    const { privateKeyPem, publicKeyPem } = generateSigningKeyPair();
    process.stdout.write(values.private ? privateKeyPem : privateKeyPem + publicKeyPem);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exitCode = 2;
}
