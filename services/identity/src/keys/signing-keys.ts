import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK } from 'jose';

/** Ed25519 (EdDSA) is what `generate-keys` makes; P-256 (ES256) keys are accepted too. */
export type SigningAlgorithm = 'EdDSA' | 'ES256';
export const signingAlgorithms: readonly SigningAlgorithm[] = ['EdDSA', 'ES256'];

/** A public key in JWK form, as the JWKS lists it. */
export type PublicJwk = Record<string, string> & { kty: string; kid: string; alg: SigningAlgorithm; use: 'sig' };

/** A public key as published in the JWKS; `kid` is its RFC 7638 thumbprint. */
export interface PublishedKey {
  kid: string;
  alg: SigningAlgorithm;
  publicKey: KeyObject;
  jwk: PublicJwk;
}

export interface SigningKeys {
  /** Signs every new token. */
  current: PublishedKey & { privateKey: KeyObject };
  /** Retired keys, still published so the tokens they signed verify until they expire. */
  previous: PublishedKey[];
}

function algorithmOf(key: KeyObject): SigningAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new Error(`a ${key.asymmetricKeyType ?? 'symmetric'} key cannot sign access tokens: use Ed25519 or P-256`);
}

export async function publishedKeyOf(publicKey: KeyObject): Promise<PublishedKey> {
  const alg = algorithmOf(publicKey);
  const exported = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(exported, 'sha256');
  const fields = Object.entries(exported).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const jwk: PublicJwk = { ...Object.fromEntries(fields), kty: exported.kty ?? '', kid, alg, use: 'sig' };
  return { kid, alg, publicKey, jwk };
}

/** The current key from its PEM (PKCS#8); throws when it is not an Ed25519 or P-256 private key. */
export async function currentKeyFromPem(pem: string): Promise<SigningKeys['current']> {
  const privateKey = createPrivateKey({ key: pem, format: 'pem' });
  return { ...(await publishedKeyOf(createPublicKey(privateKey))), privateKey };
}

const publicPemBlock = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/** Every `PUBLIC KEY` block of a PEM bundle, in order. */
export async function publicKeysFromPem(bundle: string): Promise<PublishedKey[]> {
  const blocks = bundle.match(publicPemBlock) ?? [];
  return Promise.all(blocks.map((block) => publishedKeyOf(createPublicKey({ key: block, format: 'pem' }))));
}

/** Builds the key set from PEM text: what the loader reads from the environment, and what tests make. */
export async function signingKeysFromPem(privateKeyPem: string, previousPublicKeysPem = ''): Promise<SigningKeys> {
  const current = await currentKeyFromPem(privateKeyPem);
  const previous = (await publicKeysFromPem(previousPublicKeysPem)).filter((key) => key.kid !== current.kid);
  return { current, previous };
}
