// POST /connect/v1/onboarding/entities on Hono 4 + zod 4, written as Hono's docs show: the request schema as zod
// code, `zValidator('json', schema, hook)` from @hono/zod-validator, the built-in `bearerAuth` middleware, errors
// mapped to the spec's ConnectApiErrorResult, served by @hono/node-server. Only the configuration below differs.
import { serve, type ServerType } from '@hono/node-server';
import { zValidator } from '@hono/zod-validator';
import { Hono, type MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { HTTPException } from 'hono/http-exception';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ENDPOINT, TOKEN, created, errorBody } from './onboarding.ts';
import type { RunningFramework } from './running.ts';

/**
 * `default`: `z.object` (unknown keys stripped), `z.uuid()` (RFC 9562: versions 1–8, variant 10xx, nil and max),
 * `bearerAuth({ token })`, routes for POST only;
 * `strict`: what the spec's contract needs besides.
 */
export type HonoConfig = 'default' | 'strict';

const ENTITY_TYPES = ['Battery', 'ChargePoint', 'EV', 'HeatPump', 'SolarPlant', 'RetrofitMeter', 'Meter', 'Inverter'];

/** `format: uuid` as JSON Schema validators read it (ajv-formats' pattern): any 8-4-4-4-12 hex, any case. */
const ANY_UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** Nesting depth of a JSON value, without recursion (a deep value must not overflow the check itself). */
function depth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [v, d] = top;
    deepest = Math.max(deepest, d);
    if (v !== null && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

/** RFC 8259 §9 lets a parser limit nesting; JSON.stringify overflows V8's stack a few thousand levels down. */
const MAX_DEPTH = 1_000;

/** EntityOnboardingRequest in zod, field by field from the spec; the strict config adds what the spec needs. */
function entityRequest(uuid: z.ZodType<string>, properties: z.ZodType<unknown>) {
  const text = z.string().nullish();
  return {
    collectiveId: uuid.nullish(),
    pairingCode: text,
    associatedEmail: text,
    brand: z.string().nullable(),
    name: text,
    owner: uuid.nullish(),
    properties,
    identifier: text,
    returnUrl: text,
    track: text,
    type: z.enum(ENTITY_TYPES),
  };
}

const SCHEMAS = {
  default: z.object(entityRequest(z.uuid(), z.unknown().optional())),
  // strictObject: an unknown member is an error (the spec's additionalProperties: false), not dropped.
  strict: z.strictObject(
    entityRequest(
      z.string().regex(ANY_UUID),
      z
        .unknown()
        .optional()
        .refine((v) => depth(v) <= MAX_DEPTH, `properties nested deeper than ${MAX_DEPTH} levels`),
    ),
  ),
} as const;

/** The spec's request media types (application/json, text/json, application/*+json), parameters aside. */
const DECLARED = /^(?:application\/json|text\/json|application\/[^;\s/]+\+json)$/;

/**
 * strict: 415 to a media type the spec does not declare or a content coding it does not read (RFC 9110 §15.5.16,
 * §8.4.1); `text/json` handed to the validator as `application/json`, since Hono's json validator parses
 * `application/json` and `application/*+json` only.
 */
const declaredMediaTypes: MiddlewareHandler = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!DECLARED.test(type)) return c.json(errorBody('UnsupportedMediaType', type || 'no media type'), 415);
  const coding = c.req.header('content-encoding')?.trim().toLowerCase();
  if (coding !== undefined && coding !== '' && coding !== 'identity')
    return c.json(errorBody('UnsupportedMediaType', `content coding ${coding}`), 415);
  if (type === 'text/json') c.req.raw.headers.set('content-type', 'application/json');
  return next();
};

/** Starts the Hono provider on 127.0.0.1 at a free port. */
export async function startHono(config: HonoConfig): Promise<RunningFramework> {
  const app = new Hono();
  const unauthorized = (message: string) => () =>
    new Response(JSON.stringify(errorBody('Unauthorized', message)), {
      status: 401,
      headers: { 'content-type': 'application/json' },
    });
  app.use(
    ENDPOINT,
    config === 'default'
      ? bearerAuth({ token: TOKEN })
      : // bearerAuth answers 400 invalid_request to another scheme; RFC 6750 §3 wants the 401 challenge for it.
        bearerAuth({ token: TOKEN, invalidAuthenticationHeader: { message: unauthorized('malformed credentials') } }),
  );
  const validated = zValidator('json', SCHEMAS[config], (result, c) =>
    result.success ? undefined : c.json(errorBody('ValidationFailed', result.error.message), 400),
  );
  if (config === 'strict') app.on('POST', ENDPOINT, declaredMediaTypes);
  app.post(ENDPOINT, validated, (c) => c.json(created(c.req.valid('json')), 201));
  if (config === 'strict')
    app.all(ENDPOINT, (c) =>
      c.json(errorBody('MethodNotAllowed', `${c.req.method} is not allowed`), 405, { Allow: 'POST' }),
    );
  app.onError((error, c) => {
    // The docs' pattern answers an HTTPException as it is: the validator's 400 to malformed JSON is then text/plain.
    if (error instanceof HTTPException && (config === 'default' || error.res !== undefined)) return error.getResponse();
    const status = error instanceof HTTPException ? error.status : 500;
    return c.json(errorBody(String(status), error.message), status);
  });
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve({ server: s, port: info.port }),
    );
  });
  return {
    url: `http://127.0.0.1:${port}/connect`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
