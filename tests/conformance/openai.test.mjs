// The official OpenAI npm client, pointed at the server by base URL, as a user would.
import { test } from "node:test";
import assert from "node:assert/strict";
import OpenAI, { toFile } from "openai";
import { apiKey, baseUrl, batchJsonl, brokenStreamModel, servesBatches, waitForBatch, header, invalidKey, model, provokeRateLimit, throttledModel, throttledKey } from "./support.mjs";

const openai = new OpenAI({ apiKey, baseURL: `${baseUrl}/openai/v1`, maxRetries: 0 });
const messages = [{ role: "user", content: "Say something short." }];

test("openai: chat completion", async () => {
  const completion = await openai.chat.completions.create({ model, messages, max_tokens: 12 });

  assert.equal(completion.object, "chat.completion");
  assert.ok(completion.choices[0].message.content.length > 0);
  assert.ok(completion.usage.total_tokens > 0);
});

test("openai: streamed chat completion ends cleanly", async () => {
  const stream = await openai.chat.completions.create({ model, messages, max_tokens: 6, stream: true });

  let text = "";
  let finish = null;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? "";
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }

  assert.ok(text.length > 0);
  assert.ok(["stop", "length"].includes(finish));
});

test("openai: a stream the upstream breaks raises an APIError with the gateway's code", { skip: !brokenStreamModel }, async () => {
  const stream = await openai.chat.completions.create({ model: brokenStreamModel, messages, max_tokens: 12, stream: true });

  let chunks = 0;
  await assert.rejects(
    (async () => {
      for await (const chunk of stream) {
        assert.equal(chunk.object, "chat.completion.chunk");
        chunks++;
      }
    })(),
    (error) => {
      assert.ok(error instanceof OpenAI.APIError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.code, "upstream_stream_malformed");
      return true;
    });
  assert.ok(chunks > 0);
});

test("openai: json_schema output parses against the schema", async () => {
  const completion = await openai.chat.completions.create({
    model: "openai/gpt-oss-20b",
    messages: [{ role: "user", content: "Give me a person." }],
    response_format: {
      type: "json_schema",
      json_schema: {
        name: "person",
        strict: true,
        schema: { type: "object", properties: { name: { type: "string" }, age: { type: "integer" } }, required: ["name", "age"], additionalProperties: false },
      },
    },
  });

  const person = JSON.parse(completion.choices[0].message.content);
  assert.equal(typeof person.name, "string");
  assert.ok(Number.isInteger(person.age));
});

test("openai: errors map to the SDK's classes", async () => {
  const unauthorized = new OpenAI({ apiKey: invalidKey, baseURL: `${baseUrl}/openai/v1`, maxRetries: 0 });
  await assert.rejects(unauthorized.chat.completions.create({ model, messages }), OpenAI.AuthenticationError);
  await assert.rejects(openai.chat.completions.create({ model: "no-such-model", messages }), OpenAI.NotFoundError);
  await assert.rejects(openai.chat.completions.create({ model, messages: "hello" }), OpenAI.BadRequestError);

  const throttled = new OpenAI({ apiKey: throttledKey, baseURL: `${baseUrl}/openai/v1`, maxRetries: 0 });
  const error = await provokeRateLimit(() => throttled.chat.completions.create({ model: throttledModel, messages, max_tokens: 4 }));
  assert.ok(error instanceof OpenAI.RateLimitError);
  assert.ok(Number(header(error.headers, "retry-after")) >= 1);
});

test("openai: files and batches run a JSONL batch to its output file", { skip: !servesBatches && "the target does not serve batches yet" }, async () => {
  const file = await openai.files.create({ file: await toFile(Buffer.from(batchJsonl(2)), "batch.jsonl"), purpose: "batch" });
  const created = await openai.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
  assert.equal(created.object, "batch");

  const batch = await waitForBatch((id) => openai.batches.retrieve(id), created.id);
  assert.equal(batch.status, "completed");
  assert.equal(batch.request_counts.completed, 2);
  const output = await (await openai.files.content(batch.output_file_id)).text();
  assert.deepEqual(output.trim().split("\n").map((line) => JSON.parse(line).custom_id).sort(), ["line-1", "line-2"]);

  const listed = [];
  for await (const b of openai.batches.list()) {
    listed.push(b.id);
  }
  assert.ok(listed.includes(created.id));
  assert.equal((await openai.files.delete(file.id)).deleted, true);
  await assert.rejects(openai.files.retrieve(file.id), (e) => e.status === 404);
});
