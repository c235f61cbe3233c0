import { describe, expect, it } from 'vitest';
import { checkNamespaceInput, checkObjectName, emptyBody, imageBody, parseBody, partitionBody, scaleBody } from './action-input.ts';

const body = (text: string, type = 'application/json') => new Request('http://localhost/x', { method: 'POST', headers: { 'content-type': type }, body: text });

describe('parseBody', () => {
  it('accepts replicas from 0 to the maximum', async () => {
    expect(await parseBody(body('{"replicas":0}'), scaleBody(50))).toEqual({ ok: true, value: { replicas: 0 } });
    expect(await parseBody(body('{"replicas":50}'), scaleBody(50))).toEqual({ ok: true, value: { replicas: 50 } });
  });

  it.each([
    ['{"replicas":-1}', 'replicas must be a whole number from 0 to 50, not -1'],
    ['{"replicas":1.5}', 'replicas must be a whole number from 0 to 50, not 1.5'],
    ['{"replicas":"x"}', 'replicas must be a whole number from 0 to 50, not "x"'],
    ['{"replicas":"3"}', 'replicas must be a whole number from 0 to 50, not "3"'],
    ['{"replicas":1e9}', 'replicas must be a whole number from 0 to 50, not 1000000000'],
    ['{"replicas":51}', 'replicas must be a whole number from 0 to 50, not 51'],
    ['{"replicas":null}', 'replicas must be a whole number from 0 to 50, not null'],
    ['{}', 'replicas must be a whole number from 0 to 50'],
  ])('refuses %s with 422 on field replicas', async (text, message) => {
    expect(await parseBody(body(text), scaleBody(50))).toEqual({ ok: false, refusal: { status: 422, reason: 'Invalid', error: message, field: 'replicas' } });
  });

  it('refuses unknown fields (a typo is not ignored)', async () => {
    expect(await parseBody(body('{"replica":3}'), scaleBody(50))).toMatchObject({ ok: false, refusal: { status: 422, field: 'replica', error: 'unknown field "replica"' } });
  });

  it.each([
    ['{"replicas":', 'application/json', 'the request body is not valid JSON'],
    ['[1]', 'application/json', 'the request body must be a JSON object'],
    ['3', 'application/json', 'the request body must be a JSON object'],
    ['{"replicas":3}', 'text/plain', 'send a JSON body with Content-Type: application/json'],
    ['', 'application/json', 'the request body is not valid JSON'],
  ])('answers 400 for a body that is not a JSON object: %j (%s)', async (text, type, message) => {
    expect(await parseBody(body(text, type), scaleBody(50))).toEqual({ ok: false, refusal: { status: 400, reason: 'BadRequest', error: message } });
  });

  it('refuses a body over 16 KiB', async () => {
    const big = `{"replicas":1,"x":"${'a'.repeat(20_000)}"}`;
    expect(await parseBody(body(big), scaleBody(50))).toMatchObject({ ok: false, refusal: { status: 400 } });
  });

  it('takes no body, or {}, for the routes without input', async () => {
    const none = new Request('http://localhost/x', { method: 'POST' });
    expect(await parseBody(none, emptyBody, { optional: true })).toEqual({ ok: true, value: {} });
    expect(await parseBody(body('{}'), emptyBody, { optional: true })).toEqual({ ok: true, value: {} });
    expect(await parseBody(body('{"force":true}'), emptyBody, { optional: true })).toMatchObject({ ok: false, refusal: { status: 422 } });
  });

  it('checks image and partition input', async () => {
    expect(await parseBody(body('{"container":"nginx","image":"nginx:1.25"}'), imageBody)).toEqual({ ok: true, value: { container: 'nginx', image: 'nginx:1.25' } });
    expect(await parseBody(body('{"container":"nginx","image":"nginx 1.25"}'), imageBody)).toMatchObject({ ok: false, refusal: { status: 422, field: 'image' } });
    expect(await parseBody(body('{"container":"nginx","image":""}'), imageBody)).toMatchObject({ ok: false, refusal: { status: 422, field: 'image' } });
    expect(await parseBody(body('{"container":"Bad_Name","image":"x"}'), imageBody)).toMatchObject({ ok: false, refusal: { status: 422, field: 'container' } });
    expect(await parseBody(body('{"partition":2}'), partitionBody)).toEqual({ ok: true, value: { partition: 2 } });
    expect(await parseBody(body('{"partition":-1}'), partitionBody)).toMatchObject({ ok: false, refusal: { status: 422, field: 'partition' } });
  });
});

describe('path names', () => {
  it('are DNS-1123 names (422) in an allowed namespace (403)', () => {
    expect(checkNamespaceInput('default', null)).toBeNull();
    expect(checkNamespaceInput('a.b', null)).toMatchObject({ status: 422, field: 'namespace' });
    expect(checkNamespaceInput('default', ['workshop'])).toMatchObject({ status: 403, reason: 'Forbidden', field: 'namespace' });
    expect(checkObjectName('web', 'StatefulSet', 'name')).toBeNull();
    expect(checkObjectName('Web_1', 'StatefulSet', 'name')).toMatchObject({ status: 422, reason: 'Invalid', field: 'name' });
    expect(checkObjectName('../../x', 'pod', 'pod')).toMatchObject({ status: 422, field: 'pod' });
  });
});
