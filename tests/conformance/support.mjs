// Shared settings for the conformance suites. The .NET test that runs them starts the server
// (the emulator or the gateway) and passes its address and a key in the environment.
import { randomUUID } from "node:crypto";

export const baseUrl = required("CONFORMANCE_BASE_URL").replace(/\/$/, "");
export const apiKey = required("CONFORMANCE_API_KEY");
export const target = process.env.CONFORMANCE_TARGET ?? "emulator";
export const model = "llama-3.1-8b-instant";

/** The model the rate-limit tests exhaust; a gateway run gives it tiny limits so the others keep their budget. */
export const throttledModel = process.env.CONFORMANCE_THROTTLED_MODEL ?? model;

/**
 * A model whose streams the upstream breaks with a malformed chunk (a gateway run sets an emulator fault on it), or
 * undefined where no one does: the gateway must end such a stream with an error event the SDK raises.
 */
export const brokenStreamModel = process.env.CONFORMANCE_BROKEN_STREAM_MODEL;

/** A key that names no account: the server must answer 401. */
export const invalidKey = target === "emulator" ? "not-a-groq-key" : `gsk_unknown_${randomUUID()}`;

/** A key whose budget this run may exhaust to provoke a 429 (a fresh account on the emulator). */
export const throttledKey = process.env.CONFORMANCE_THROTTLED_KEY ?? `gsk_conformance_${randomUUID().replaceAll("-", "")}`;

export function header(headers, name) {
  return typeof headers?.get === "function" ? headers.get(name) : headers?.[name];
}

/** One second of 16 kHz mono 16-bit PCM silence, as a WAV file. */
export function silentWav(seconds = 1) {
  const rate = 16000;
  const dataBytes = rate * 2 * seconds;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write("RIFF", 0);
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write("WAVEfmt ", 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write("data", 36);
  wav.writeUInt32LE(dataBytes, 40);
  return wav;
}

/** Sends requests until one fails with a 429; returns that error. */
export async function provokeRateLimit(send, attempts = 200) {
  for (let i = 0; i < attempts; i++) {
    try {
      await send();
    } catch (error) {
      if (error?.status === 429) {
        return error;
      }
      throw error;
    }
  }
  throw new Error(`no 429 after ${attempts} requests`);
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the conformance suites through 'dotnet test'.`);
  }
  return value;
}

/** A batch input file of `count` chat requests, as JSONL. */
export function batchJsonl(count) {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ custom_id: `line-${i + 1}`, method: "POST", url: "/v1/chat/completions", body: { model, messages: [{ role: "user", content: `Say ${i + 1}.` }], max_tokens: 8 } }),
  ).join("\n") + "\n";
}

/** Reads a batch with `retrieve` until it has finished, for at most 10 s. */
export async function waitForBatch(retrieve, id) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const batch = await retrieve(id);
    if (["completed", "failed", "expired", "cancelled"].includes(batch.status)) {
      return batch;
    }
    assertBefore(deadline, `batch ${id} still ${batch.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Whether this target serves the Files and Batch API. The emulator does, and so does the gateway in both modes: in
 * pass-through mode (Batches:Mode = groq) it relays them to the emulator behind it; in cluster mode it serves them itself.
 */
export const servesBatches = target === "emulator" || target === "gateway";

function assertBefore(deadline, message) {
  if (Date.now() > deadline) {
    throw new Error(message);
  }
}
