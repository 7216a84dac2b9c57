// Pact ↔ OpenAPI, offline: is every interaction of the consumer contract something the spec allows?
// The suite's own check (comparePactWithSpec) uses the same Ajv validators as the live checks; the cross-check
// (crossCheckWithComparator) asks @pactflow/openapi-pact-comparator, an independent reading of the same document.
import { profileFor } from '../checks/profile.ts';
import { PROFILE_ONLY_STATUSES, rulesOf, type Rules } from '../checks/rules.ts';
import { pointer, type LoadedSpec } from '../spec/load.ts';
import { operationName, sameOperation } from '../spec/operation.ts';
import type { SchemaError, Validators } from '../validators/index.ts';
import { parsePact, type PactHttpInteraction, type ParsedPact } from './pact-file.ts';

/** One way an interaction of the pact contradicts the spec (or the verdict profile). */
export interface Mismatch {
  /** The interaction's description, as the pact names it. */
  readonly interaction: string;
  /** Which side of the interaction is at fault. */
  readonly part: 'interaction' | 'request' | 'response';
  /** JSON pointer into the spec of the rule broken, e.g. `/components/schemas/…/additionalProperties`. */
  readonly rule: string;
  readonly message: string;
}

/** Whether the spec documents a status for the operation (explicit code, range such as `2XX`, or `default`). */
export function isDocumentedStatus(validators: Validators, status: number): boolean {
  return validators.findResponse(status) !== undefined;
}

/**
 * Judges every HTTP interaction of a pact against the spec, using the example values the pact records
 * (a matcher-laden pact is judged by its examples):
 * - the request is the spec's operation under test (`POST /v1/onboarding/entities` by default);
 * - the response status is documented by the spec, or allowed by the verdict profile (401, 403, 405, 415, 429);
 * - for a documented status: the request carries bearer credentials (`security: bearerAuth`), and the response's
 *   Content-Type and body are allowed by the spec;
 * - for a 2xx: the request body is a valid `EntityOnboardingRequest` in a declared media type;
 * - for a 400: the request is a genuine violation (no body, an undeclared media type, or a body the schema rejects).
 *
 * Returns the mismatches, empty when the pact is consistent with the spec. Throws `PactFileError` when the
 * value is not a pact.
 */
export function comparePactWithSpec(pactJson: unknown, spec: LoadedSpec, validators: Validators): Mismatch[] {
  const pact = parsePact(pactJson);
  const out: Mismatch[] = pact.otherInteractions.map((description) => ({
    interaction: description,
    part: 'interaction' as const,
    rule: pointer('paths'),
    message: 'not an HTTP interaction: the spec describes HTTP operations only',
  }));
  const rules = rulesOf(profileFor(spec.operationRef));
  for (const interaction of pact.interactions) out.push(...judgeInteraction(interaction, spec, validators, rules));
  return out;
}

function judgeInteraction(i: PactHttpInteraction, spec: LoadedSpec, validators: Validators, rules: Rules): Mismatch[] {
  const out: Mismatch[] = [];
  const add = (part: Mismatch['part'], rule: string, message: string) =>
    out.push({ interaction: i.description, part, rule, message });
  const { request, response } = i;
  const path = request.path.split('?')[0];
  if (!sameOperation({ method: request.method, path }, spec.operationRef)) {
    const known = spec.document.paths?.[path] !== undefined;
    add(
      'request',
      known ? pointer('paths', path) : pointer('paths'),
      `${request.method} ${path} is not the operation under test (${operationName(spec.operationRef)})`,
    );
    return out;
  }

  const status = response.status;
  const documented = isDocumentedStatus(validators, status);
  if (!documented && !PROFILE_ONLY_STATUSES.includes(status)) {
    const allowed = [...validators.documentedStatuses, ...PROFILE_ONLY_STATUSES.map(String)];
    add(
      'response',
      rules.responses,
      `status ${status} is neither documented by the spec nor allowed by the verdict profile (${allowed.join(', ')})`,
    );
  }

  if (documented) {
    // The spec's only security requirement is bearerAuth: a request it answers must carry a bearer token.
    if (!/^bearer\s+\S/i.test(request.headers['authorization'] ?? '')) {
      add(
        'request',
        rules.bearerScheme,
        `a request answered ${status} must carry bearer credentials (security: bearerAuth); it has no "Authorization: Bearer …" header`,
      );
    }
    if (response.hasBody) {
      const validator = validators.responseFor(status, response.contentType);
      if (!validator) {
        add(
          'response',
          `${spec.operationPointer}${pointer('responses', String(status), 'content')}`,
          `Content-Type ${JSON.stringify(response.contentType ?? null)} is not declared for status ${status}`,
        );
      } else {
        for (const e of validator.validate(response.body)) add('response', e.rule, `body${describe(e)}`);
      }
    }
  }

  if (status >= 200 && status < 300) {
    for (const problem of requestProblems(i, validators, rules)) add('request', problem.rule, problem.message);
  } else if (status === 400 && requestProblems(i, validators, rules).length === 0) {
    add(
      'request',
      rules.badRequest,
      'a 400 interaction must record an invalid request, but its request is valid for the spec',
    );
  }
  return out;
}

/** Why the request of an interaction is not one the spec accepts; empty when it is. */
function requestProblems(
  i: PactHttpInteraction,
  validators: Validators,
  rules: Rules,
): { rule: string; message: string }[] {
  const { request } = i;
  if (!request.hasBody)
    return [{ rule: `${rules.requestBody}/required`, message: 'the request has no body; the spec requires one' }];
  const validator = validators.requestFor(request.contentType);
  if (!validator) {
    return [
      {
        rule: rules.requestContent,
        message: `request Content-Type ${JSON.stringify(request.contentType ?? null)} is not declared (${[...validators.request.keys()].join(', ')})`,
      },
    ];
  }
  return validator.validate(request.body).map((e) => ({ rule: e.rule, message: `body${describe(e)}` }));
}

function describe(e: SchemaError): string {
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (${String(e.params['additionalProperty'])})`
      : e.keyword === 'enum'
        ? ` (${JSON.stringify(e.params['allowedValues'])})`
        : '';
  return `${e.instancePath || ''} ${e.message}${extra}`;
}

/** A finding of `@pactflow/openapi-pact-comparator`. */
export interface ComparatorFinding {
  /** The interaction's description, when the finding is about one. */
  readonly interaction: string | undefined;
  /** The comparator's code, e.g. `response.body.incompatible`, `response.status.unknown`. */
  readonly code: string;
  readonly type: 'error' | 'warning' | 'info';
  readonly message: string;
  /** Where in the pact, in the comparator's notation (`[root].interactions[1].response.body`). */
  readonly pactLocation: string | undefined;
  /** Where in the spec, in the comparator's notation. */
  readonly specLocation: string | undefined;
}

/** The comparator's findings, split into those that count and those the verdict profile makes moot. */
export interface CrossCheck {
  readonly findings: readonly ComparatorFinding[];
  readonly ignored: readonly (ComparatorFinding & { readonly reason: string })[];
}

/** The part of `@pactflow/openapi-pact-comparator` 2.x used here (its `Comparator` and `Result`). */
interface ComparatorModule {
  Comparator: new (options: { oas: unknown }) => { compare(pact: unknown): AsyncGenerator<ComparatorResult> };
}
interface ComparatorResult {
  code: string;
  message: string;
  type: 'error' | 'warning' | 'info';
  mockDetails?: { interactionDescription?: string | null; location: string };
  specDetails?: { location: string };
}

/** Comparator codes that are only about a status the verdict profile allows although the spec does not document it. */
const PROFILE_MOOT_CODES = new Set(['response.status.unknown', 'request.authorization.missing']);

/**
 * Cross-checks the pact with `@pactflow/openapi-pact-comparator` (PactFlow's bi-directional contract comparison,
 * an independent implementation), given the spec as published.
 *
 * Filtered out (returned in `ignored`, with the reason): findings that are only about an undocumented status the
 * verdict profile allows (401, 403, 405, 415, 429), i.e. `response.status.unknown` for such a status and
 * `request.authorization.missing` on an interaction answered 401 or 403. The suite's profile allows these
 * statuses (and reports them as spec gaps elsewhere); counting them here would make every pact that records
 * "no credentials → 401" inconsistent with the spec.
 */
export async function crossCheckWithComparator(pactJson: unknown, spec: LoadedSpec): Promise<CrossCheck> {
  const pact = parsePact(pactJson);
  // Loaded on demand: a dev dependency, needed only here. Its published types do not resolve under NodeNext
  // (`export * from "./compare"`), hence the local description of the part used.
  const { Comparator } = (await import('@pactflow/openapi-pact-comparator')) as unknown as ComparatorModule;
  // The comparator annotates the operations of the document it is given: it gets a copy.
  const comparator = new Comparator({ oas: structuredClone(spec.document) });
  const findings: ComparatorFinding[] = [];
  const ignored: (ComparatorFinding & { reason: string })[] = [];
  for await (const r of comparator.compare(pactJson)) {
    const finding: ComparatorFinding = {
      interaction: r.mockDetails?.interactionDescription ?? undefined,
      code: r.code,
      type: r.type,
      message: r.message,
      pactLocation: r.mockDetails?.location,
      specLocation: r.specDetails?.location,
    };
    const reason = mootReason(finding, r.mockDetails?.location, pact);
    if (reason === undefined) findings.push(finding);
    else ignored.push({ ...finding, reason });
  }
  return { findings, ignored };
}

function mootReason(f: ComparatorFinding, location: string | undefined, pact: ParsedPact): string | undefined {
  if (!PROFILE_MOOT_CODES.has(f.code)) return undefined;
  const index = /^\[root\]\.interactions\[(\d+)\]/.exec(location ?? '')?.[1];
  const interaction = pact.interactions.find((i) =>
    index !== undefined ? i.index === Number(index) : i.description === f.interaction,
  );
  if (!interaction) return undefined;
  const status = interaction.response.status;
  if (!PROFILE_ONLY_STATUSES.includes(status)) return undefined;
  if (f.code === 'response.status.unknown')
    return `status ${status} is not documented by the spec but is allowed by the verdict profile`;
  if (status === 401 || status === 403)
    return `the interaction records a request without credentials answered ${status}, a status the verdict profile allows`;
  return undefined;
}

/** Both checks at once: the suite's mismatches and the comparator's cross-check. */
export async function checkPact(
  pactJson: unknown,
  spec: LoadedSpec,
  validators: Validators,
): Promise<{ mismatches: Mismatch[]; comparator: CrossCheck }> {
  return {
    mismatches: comparePactWithSpec(pactJson, spec, validators),
    comparator: await crossCheckWithComparator(pactJson, spec),
  };
}
