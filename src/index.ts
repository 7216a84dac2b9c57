// The public API, exported by name. Everything not listed here is internal.

// spec
export { loadSpec, parseSpec, SpecError, OPERATION, type LoadedSpec } from './spec/load.ts';
export { convertSchema, SPEC_BASE } from './spec/convert.ts';
export { lintSpec, type SpecWarning } from './spec/lint.ts';
export { normaliseForPrism, type Normalisation } from './spec/normalise.ts';
// validators
export {
  buildValidators,
  createAjv,
  type Validators,
  type BodyValidator,
  type SchemaError,
} from './validators/index.ts';
// generators
export type { TestCase, CaseKind, AuthMode, Violation } from './generators/case.ts';
export {
  planCases,
  shrinkCase,
  createCoverage,
  type Plan,
  type PlanOptions,
  type CoverageRow,
} from './generators/index.ts';
// checks
export { createChecks } from './checks/index.ts';
export type { Check, CheckContext, CheckResult, Failure, Severity } from './checks/types.ts';
// targets
export { startTarget, TargetError, type Target } from './targets/index.ts';
// runner
export { runSuite, type RunOptions, type RunHooks } from './runner/run.ts';
export { staticToken, type Credentials } from './runner/credentials.ts';
export { oauthClientCredentials, type OAuthOptions } from './runner/oauth.ts';
export type { Exchange, SentRequest, ReceivedResponse, TransportErrorKind } from './runner/exchange.ts';
// report
export type { Report, ReportedFailure, CheckSummary, SpecGap, PreflightResult } from './report/model.ts';
export { writeReports } from './report/write.ts';
export { parseWaivers, WaiverError, type Waiver, type WaiverStatus } from './report/waivers.ts';
export { toCurl } from './report/curl.ts';
export { toJUnit } from './report/junit.ts';
export { toHtml } from './report/html.ts';
export { mergeReports, MergeError } from './report/merge.ts';
export { createSecrets, redactSecrets, REDACTED, type Secrets } from './secrets.ts';
export { repeatCommand } from './report/repeat.ts';
// consumer contract
export { createOnboardingClient } from './client/onboarding.ts';
export {
  checkPact,
  comparePactWithSpec,
  verifyPact,
  PactFileError,
  ProviderUnreachableError,
  VerifierError,
  type Mismatch,
  type VerifyPactResult,
} from './pact/index.ts';
export { anyValuePaths } from './pact/any-value.ts';
// cli
export { main, type Io } from './cli/main.ts';
