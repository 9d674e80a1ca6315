// The official Groq SDK must not be able to tell the server from Groq.
import { test } from "node:test";
import assert from "node:assert/strict";
import Groq, { toFile } from "groq-sdk";
import { apiKey, baseUrl, batchJsonl, brokenStreamModel, servesBatches, waitForBatch, header, invalidKey, model, provokeRateLimit, throttledModel, silentWav, target, throttledKey } from "./support.mjs";

const groq = new Groq({ apiKey, baseURL: baseUrl, maxRetries: 0 });
const messages = [{ role: "user", content: "Name three colours." }];

test("groq-sdk: non-stream chat completion has Groq's shape", async () => {
  const { data, response } = await groq.chat.completions.create({ model, messages, max_tokens: 16 }).withResponse();

  assert.equal(data.object, "chat.completion");
  assert.match(data.id, /^chatcmpl-/);
  assert.equal(data.choices[0].message.role, "assistant");
  assert.ok(data.choices[0].message.content.length > 0);
  assert.ok(["stop", "length"].includes(data.choices[0].finish_reason));
  assert.ok(data.usage.prompt_tokens > 0 && data.usage.completion_tokens > 0);
  assert.equal(data.usage.total_tokens, data.usage.prompt_tokens + data.usage.completion_tokens);
  assert.match(data.x_groq.id, /^req_/);
  if (target === "emulator") {
    assert.ok(header(response.headers, "x-ratelimit-remaining-requests") !== null);
    assert.match(header(response.headers, "x-ratelimit-reset-tokens"), /^[0-9.hms]+$/);
  }
});

test("groq-sdk: the stream iterator yields every chunk and stops at [DONE]", async () => {
  const stream = await groq.chat.completions.create({ model, messages, max_tokens: 8, stream: true, stream_options: { include_usage: true } });

  const chunks = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }

  assert.ok(chunks.length >= 3, `expected several chunks, got ${chunks.length}`);
  assert.ok(chunks.every((c) => c.object === "chat.completion.chunk" && c.id === chunks[0].id));
  assert.equal(chunks[0].choices[0].delta.role, "assistant");
  const text = chunks.flatMap((c) => c.choices.map((ch) => ch.delta?.content ?? "")).join("");
  assert.ok(text.length > 0);
  const last = chunks.findLast((c) => c.choices.length > 0);
  assert.ok(["stop", "length"].includes(last.choices[0].finish_reason));
  assert.ok(last.x_groq?.usage?.completion_tokens > 0, "the final choice chunk carries x_groq.usage");
  assert.ok(chunks.at(-1).usage?.total_tokens > 0, "include_usage adds a usage chunk");
});

test("groq-sdk: a stream the upstream breaks raises an APIError with the gateway's code", { skip: !brokenStreamModel }, async () => {
  const stream = await groq.chat.completions.create({ model: brokenStreamModel, messages, max_tokens: 12, stream: true });

  let chunks = 0;
  await assert.rejects(
    (async () => {
      for await (const chunk of stream) {
        assert.equal(chunk.object, "chat.completion.chunk");
        chunks++;
      }
    })(),
    (error) => {
      assert.ok(error instanceof Groq.APIError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.error?.code ?? error.code, "upstream_stream_malformed");
      return true;
    });
  assert.ok(chunks > 0);
});

test("groq-sdk: a 401 is an AuthenticationError", async () => {
  const client = new Groq({ apiKey: invalidKey, baseURL: baseUrl, maxRetries: 0 });

  await assert.rejects(client.chat.completions.create({ model, messages }), (error) => {
    assert.ok(error instanceof Groq.AuthenticationError, `got ${error?.constructor?.name}`);
    assert.equal(error.status, 401);
    return true;
  });
});

test("groq-sdk: an unknown model is a NotFoundError, streaming or not", async () => {
  for (const stream of [false, true]) {
    await assert.rejects(groq.chat.completions.create({ model: "no-such-model", messages, stream }), (error) => {
      assert.ok(error instanceof Groq.NotFoundError, `got ${error?.constructor?.name}`);
      assert.equal(error.error?.error?.code ?? error.error?.code, "model_not_found");
      return true;
    });
  }
});

test("groq-sdk: models list and retrieve, including an id with a slash", async () => {
  const list = await groq.models.list();
  assert.ok(list.data.some((m) => m.id === model));

  const gptOss = await groq.models.retrieve("openai/gpt-oss-20b");
  assert.equal(gptOss.id, "openai/gpt-oss-20b");
  assert.ok(gptOss.context_window > 0);
});

test("groq-sdk: a forced tool call comes back as tool_calls", async () => {
  const completion = await groq.chat.completions.create({
    model,
    messages: [{ role: "user", content: "What is the weather in Paris?" }],
    tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }],
    tool_choice: { type: "function", function: { name: "get_weather" } },
  });

  const call = completion.choices[0].message.tool_calls[0];
  assert.equal(completion.choices[0].finish_reason, "tool_calls");
  assert.equal(call.function.name, "get_weather");
  assert.equal(typeof JSON.parse(call.function.arguments).city, "string");
});

test("groq-sdk: audio transcription, json and verbose_json", async () => {
  const file = await toFile(silentWav(2), "silence.wav", { type: "audio/wav" });
  const plain = await groq.audio.transcriptions.create({ file, model: "whisper-large-v3-turbo" });
  assert.equal(typeof plain.text, "string");

  const verbose = await groq.audio.transcriptions.create({
    file: await toFile(silentWav(2), "silence.wav", { type: "audio/wav" }),
    model: "whisper-large-v3-turbo",
    response_format: "verbose_json",
  });
  assert.equal(verbose.task, "transcribe");
  assert.ok(Math.abs(verbose.duration - 2) < 0.1, `duration ${verbose.duration}`);
  assert.ok(Array.isArray(verbose.segments));
});

// Last: the keys this exhausts cool down (key-wide, per the failure matrix), so nothing may run after it.
test("groq-sdk: a 429 is a RateLimitError carrying retry-after", async () => {
  const client = new Groq({ apiKey: throttledKey, baseURL: baseUrl, maxRetries: 0 });

  const error = await provokeRateLimit(() => client.chat.completions.create({ model: throttledModel, messages, max_tokens: 4 }));

  assert.ok(error instanceof Groq.RateLimitError, `got ${error?.constructor?.name}`);
  assert.ok(Number(header(error.headers, "retry-after")) >= 1);
  assert.equal(error.error?.error?.code ?? error.error?.code, "rate_limit_exceeded");
});

test("groq-sdk: files and batches run a JSONL batch to its output file", { skip: !servesBatches && "the target does not serve batches yet" }, async () => {
  const file = await groq.files.create({ file: await toFile(Buffer.from(batchJsonl(3)), "batch.jsonl"), purpose: "batch" });
  assert.match(file.id, /^file_/);
  assert.equal(file.purpose, "batch");

  const created = await groq.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
  const batch = await waitForBatch((id) => groq.batches.retrieve(id), created.id);
  assert.equal(batch.status, "completed");
  assert.deepEqual(batch.request_counts, { total: 3, completed: 3, failed: 0 });
  assert.ok((await groq.batches.list()).data.some((b) => b.id === created.id));

  const output = await (await groq.files.content(batch.output_file_id)).text();
  const lines = output.trim().split("\n").map((line) => JSON.parse(line));
  assert.deepEqual(lines.map((l) => l.custom_id).sort(), ["line-1", "line-2", "line-3"]);
  assert.ok(lines.every((l) => l.response.status_code === 200 && l.response.body.object === "chat.completion"));
  await assert.rejects(groq.batches.cancel(created.id), (e) => e.status === 409);
});
