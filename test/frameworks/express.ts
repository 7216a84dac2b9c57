// POST /connect/v1/onboarding/entities on Express 5 + express-openapi-validator, fed spec/openapi.yaml as its
// README shows: a JSON body parser, the validator middleware with a bearerAuth security handler, a route, an error
// handler that answers the spec's ConnectApiErrorResult. Only the configuration below differs.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ENDPOINT, checkBearer, created, errorBody, tooDeep, type EntityRequest } from './onboarding.ts';
import { SPEC_PATH, readSpec, withoutTypelessNullable } from './request-schema.ts';
import type { RunningFramework } from './running.ts';

type ValidatorOptions = Parameters<typeof OpenApiValidator.middleware>[0];

/**
 * `default`: the README's set-up, the spec by path and `express.json()`;
 * `spec-patched`: the same, with the spec's type-less `nullable` removed (Ajv refuses to compile it);
 * `strict`: what the spec's contract needs besides.
 */
export type ExpressConfig = 'default' | 'spec-patched' | 'strict';

interface Setup {
  readonly apiSpec: ValidatorOptions['apiSpec'];
  readonly json: Parameters<typeof express.json>[0];
  /** express-openapi-validator 5 matches `type/*` wildcards only, not the spec's `application/*+json`. */
  readonly plusJsonAsJson: boolean;
}

function setup(config: ExpressConfig): Setup {
  const path = fileURLToPath(SPEC_PATH);
  const patched = withoutTypelessNullable(readSpec()) as ValidatorOptions['apiSpec']; // still an OpenAPI document
  if (config === 'default') return { apiSpec: path, json: {}, plusJsonAsJson: false };
  if (config === 'spec-patched') return { apiSpec: patched, json: {}, plusJsonAsJson: false };
  return {
    apiSpec: patched,
    // The media types the spec declares, and 1 MiB like the other providers (express.json's default is 100 kB).
    json: { type: ['application/json', 'text/json', 'application/*+json'], limit: '1mb' },
    plusJsonAsJson: true,
  };
}

const PLUS_JSON = /^\s*application\/[^;\s]+\+json\s*(;|$)/i;

/** Starts the Express provider on 127.0.0.1 at a free port. */
export async function startExpress(config: ExpressConfig): Promise<RunningFramework> {
  const { apiSpec, json, plusJsonAsJson } = setup(config);
  const app = express();
  app.use(express.json(json));
  if (plusJsonAsJson) {
    app.use((req, _res, next) => {
      const type = req.headers['content-type'];
      if (type !== undefined && PLUS_JSON.test(type))
        req.headers['content-type'] = type.replace(PLUS_JSON, 'application/json$1');
      next();
    });
  }
  app.use(
    OpenApiValidator.middleware({
      apiSpec,
      validateRequests: { coerceTypes: false, removeAdditional: false },
      validateSecurity: { handlers: { bearerAuth: (req) => checkBearer(req.headers.authorization) === 'ok' } },
    }),
  );
  const create: RequestHandler = (req, res) => {
    const deep = tooDeep(req.body);
    if (deep) res.status(400).json(deep);
    else res.status(201).json(created(req.body as EntityRequest)); // validated by the middleware
  };
  app.post(ENDPOINT, create);
  app.all(ENDPOINT, (req, res) => {
    res
      .status(405)
      .set('Allow', 'POST')
      .json(errorBody('MethodNotAllowed', `${req.method} is not allowed`));
  });
  const errors: ErrorRequestHandler = (error: { status?: number; message?: string }, _req, res, _next) => {
    const status = error.status ?? 500;
    if (status === 401) res.set('WWW-Authenticate', 'Bearer');
    res.status(status).json(errorBody(String(status), error.message ?? 'error'));
  };
  app.use(errors);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo; // listening on TCP
  return {
    url: `http://127.0.0.1:${port}/connect`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
