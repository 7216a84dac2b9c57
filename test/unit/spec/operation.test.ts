// The operation as a value: how it is read from a flag, named, compared, found in a document, and defaulted for a
// report written before reports named one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadSpec, parseSpec, SpecError } from '../../../src/spec/load.ts';
import {
  DEFAULT_OPERATION,
  operationName,
  operationOf,
  parseOperation,
  sameOperation,
  type OperationRef,
} from '../../../src/spec/operation.ts';

const ENTITIES = '/v1/onboarding/entities';

describe('parseOperation', () => {
  it.each<[string, OperationRef | undefined]>([
    ['POST /v1/onboarding/entities', { method: 'POST', path: ENTITIES }],
    ['post /v1/onboarding/entities', { method: 'POST', path: ENTITIES }],
    ['  GET   /v1/onboarding/entities/{id} ', { method: 'GET', path: '/v1/onboarding/entities/{id}' }],
    ['PATCH /', { method: 'PATCH', path: '/' }],
    ['/v1/onboarding/entities', undefined],
    ['POST v1/onboarding/entities', undefined],
    ['FETCH /v1/onboarding/entities', undefined],
    ['PARAMETERS /v1/onboarding/entities', undefined],
    ['POST /v1/a /v1/b', undefined],
    ['', undefined],
  ])('%j', (text, expected) => {
    expect(parseOperation(text)).toEqual(expected);
  });
});

describe('naming and comparing', () => {
  it('names an operation as METHOD path', () => {
    expect(operationName(DEFAULT_OPERATION)).toBe('POST /v1/onboarding/entities');
  });

  it.each<[OperationRef, OperationRef, boolean]>([
    [DEFAULT_OPERATION, { method: 'POST', path: ENTITIES, operationId: 'x' }, true],
    [DEFAULT_OPERATION, { method: 'post', path: ENTITIES }, true],
    [DEFAULT_OPERATION, { method: 'PUT', path: ENTITIES }, false],
    [DEFAULT_OPERATION, { method: 'POST', path: `${ENTITIES}/` }, false],
  ])('%j and %j are one operation: %s', (a, b, same) => {
    expect(sameOperation(a, b)).toBe(same);
    expect(sameOperation(b, a)).toBe(same);
  });

  it('reads a report without an operation (an older version) as the default one', () => {
    expect(operationOf({})).toEqual(DEFAULT_OPERATION);
    const other = { method: 'GET', path: '/v1/other' };
    expect(operationOf({ operation: other })).toBe(other);
  });
});

describe('loadSpec(path, operation)', () => {
  it('holds the default operation when none is given, with the document operationId', async () => {
    const spec = await loadSpec('spec/openapi.yaml');
    expect(spec.operationRef).toEqual({
      method: 'POST',
      path: ENTITIES,
      operationId: 'post-postentityonboardingasync',
    });
    expect(spec.operationPointer).toBe('/paths/~1v1~1onboarding~1entities/post');
  });

  it.each([
    [{ method: 'GET', path: ENTITIES }, 'GET /v1/onboarding/entities'],
    [{ method: 'POST', path: '/v1/onboarding/collectives' }, 'POST /v1/onboarding/collectives'],
    // A Path Item's other fields hold no operation (OpenAPI 3.0.4 §4.8.9).
    [{ method: 'PARAMETERS', path: ENTITIES }, 'PARAMETERS /v1/onboarding/entities'],
  ])('refuses an operation the document does not have (%j) in one line', async (op, name) => {
    const error = await loadSpec('spec/openapi.yaml', op).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toBe(`spec spec/openapi.yaml has no operation ${name}`);
  });

  it('finds another operation of a document by its method and path', () => {
    const doc = parse(readFileSync('spec/openapi.yaml', 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    doc.paths[`${ENTITIES}/{id}`] = { get: { responses: { '200': { description: 'the request' } } } };
    const spec = parseSpec(stringify(doc), 'two.yaml', { method: 'get', path: `${ENTITIES}/{id}` });
    expect(spec.operationRef).toEqual({ method: 'GET', path: `${ENTITIES}/{id}` });
    expect(spec.operationPointer).toBe('/paths/~1v1~1onboarding~1entities~1{id}/get');
  });
});
