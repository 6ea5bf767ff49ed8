import type { Payload } from '@temporalio/common';
// A CommonJS package: Node's ESM loader exposes only its default export.
import proto from '@temporalio/proto';

const { Payload: ProtoPayload, Payloads: ProtoPayloads } = proto.temporal.api.common.v1;

/**
 * The remote codec protocol carries `Payloads` in protobuf JSON (bytes as base64, camelCase
 * fields), not in a language's own JSON. The protobuf runtime's object mapping gives exactly that
 * and keeps fields this code does not know about (e.g. `externalPayloads`) instead of dropping them.
 * Throws on malformed input (bad base64, wrong types).
 */
export function payloadsFromJson(body: { payloads: unknown[] }): Payload[] {
  return ProtoPayloads.fromObject(body).payloads;
}

export function payloadsToJson(payloads: Payload[]): { payloads: Record<string, unknown>[] } {
  return {
    payloads: payloads.map((payload) =>
      ProtoPayload.toObject(ProtoPayload.fromObject(payload), { bytes: String, longs: String }),
    ),
  };
}
