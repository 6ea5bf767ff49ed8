import { readFileSync } from 'node:fs';
import { ConfigError } from '@guild/platform';
import { currentKeyFromPem, publicKeysFromPem, type SigningKeys } from './signing-keys.js';

const howToGenerate = 'generate a key pair with `npm run generate-keys -w @guild/identity`';

function problem(variable: string, message: string): ConfigError {
  return new ConfigError([{ variable, message }]);
}

function readKeyFile(variable: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw problem(variable, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

// Compose files and CI secrets often carry a PEM on one line with literal "\n".
function pemFromVariable(value: string): string {
  return value.includes('\\n') ? value.replaceAll('\\n', '\n') : value;
}

/**
 * Reads the signing keys from the environment, never from the repository:
 * `JWT_PRIVATE_KEY` (PEM, PKCS#8, Ed25519 or P-256) or `JWT_PRIVATE_KEY_FILE`, and optionally
 * `JWT_PREVIOUS_PUBLIC_KEYS_FILE` (PEM public keys still published during a rotation).
 * Throws a `ConfigError` naming the variable at fault.
 */
export async function loadSigningKeys(env: Record<string, string | undefined> = process.env): Promise<SigningKeys> {
  const inline = env.JWT_PRIVATE_KEY || undefined;
  const file = env.JWT_PRIVATE_KEY_FILE || undefined;
  if (inline && file) throw problem('JWT_PRIVATE_KEY', 'set JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE, not both');
  if (!inline && !file) {
    throw problem('JWT_PRIVATE_KEY', `is required but not set (or set JWT_PRIVATE_KEY_FILE); ${howToGenerate}`);
  }
  const variable = inline ? 'JWT_PRIVATE_KEY' : 'JWT_PRIVATE_KEY_FILE';
  const pem = inline ? pemFromVariable(inline) : readKeyFile(variable, file!);

  let current: SigningKeys['current'];
  try {
    current = await currentKeyFromPem(pem);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    throw problem(variable, `is not a usable PEM private key (PKCS#8, Ed25519 or P-256): ${reason}`);
  }

  const previousFile = env.JWT_PREVIOUS_PUBLIC_KEYS_FILE || undefined;
  if (!previousFile) return { current, previous: [] };
  const bundle = readKeyFile('JWT_PREVIOUS_PUBLIC_KEYS_FILE', previousFile);
  let previous;
  try {
    previous = await publicKeysFromPem(bundle);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    throw problem('JWT_PREVIOUS_PUBLIC_KEYS_FILE', `holds a key that cannot verify tokens: ${reason}`);
  }
  if (previous.length === 0) {
    throw problem('JWT_PREVIOUS_PUBLIC_KEYS_FILE', `${previousFile} holds no "-----BEGIN PUBLIC KEY-----" block`);
  }
  return { current, previous: previous.filter((key) => key.kid !== current.kid) };
}
