// POST /connect/v1/onboarding/entities on Fastify 5, written the way a team writes it from the spec: the request
// schema on the route, an onRequest bearer check, the spec's media types parsed as JSON, errors mapped to the
// spec's ConnectApiErrorResult. Only the framework options differ between the two configurations.
import Fastify, { type FastifyError, type FastifyServerOptions } from 'fastify';
import type { AddressInfo } from 'node:net';
import { ENDPOINT, checkBearer, created, errorBody, tooDeep, type EntityRequest } from './onboarding.ts';
import { requestSchema } from './request-schema.ts';
import type { RunningFramework } from './running.ts';

/** `default`: Fastify's own Ajv and JSON-parser options; `strict`: the options the spec's contract needs. */
export type FastifyConfig = 'default' | 'strict';

const OPTIONS: Record<FastifyConfig, FastifyServerOptions> = {
  // coerceTypes 'array', removeAdditional true, useDefaults true; `__proto__` and `constructor` keys refused (400).
  default: {},
  strict: {
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false } },
    // `properties` is free-form data: `__proto__` and `constructor` are keys like any other (JSON.parse keeps them
    // as own properties, which nothing here merges into an object).
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
  },
};

/** Starts the Fastify provider on 127.0.0.1 at a free port. */
export async function startFastify(config: FastifyConfig): Promise<RunningFramework> {
  const options = OPTIONS[config];
  const app = Fastify(options);
  // The spec also declares text/json and application/*+json; Fastify parses only application/json by itself.
  const json = app.getDefaultJsonParser(options.onProtoPoisoning ?? 'error', options.onConstructorPoisoning ?? 'error');
  app.addContentTypeParser('text/json', { parseAs: 'string' }, json);
  app.addContentTypeParser(/^application\/[^;\s]+\+json(?:\s*;|$)/i, { parseAs: 'string' }, json);
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.validation ? 400 : (error.statusCode ?? 500);
    void reply.code(status).send(errorBody(error.code ?? 'Error', error.message));
  });
  app.post(
    ENDPOINT,
    {
      schema: { body: requestSchema() },
      onRequest: async (request, reply) => {
        const auth = checkBearer(request.headers.authorization);
        if (auth !== 'ok')
          await reply
            .code(401)
            .header('WWW-Authenticate', 'Bearer')
            .send(errorBody('Unauthorized', `access token ${auth}`));
      },
    },
    async (request, reply) => {
      const deep = tooDeep(request.body);
      return deep ? reply.code(400).send(deep) : reply.code(201).send(created(request.body as EntityRequest)); // validated by the schema
    },
  );
  // Every other method the router knows gets 405 (HEAD comes with GET); registered methods it does not know by default
  // (PROPFIND) are added, since a method the router was not told about is answered 404 (issue #22).
  app.addHttpMethod('PROPFIND');
  app.route({
    method: app.supportedMethods.filter((m) => m !== 'POST' && m !== 'HEAD'),
    url: ENDPOINT,
    handler: async (request, reply) =>
      reply
        .code(405)
        .header('Allow', 'POST')
        .send(errorBody('MethodNotAllowed', `${request.method} is not allowed`)),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo; // listening on TCP
  return { url: `http://127.0.0.1:${port}/connect`, close: () => app.close() };
}
