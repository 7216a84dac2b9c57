// The public API, exported by name. Everything not listed here is internal.

import { PROFILE_ONLY_STATUSES } from './checks/rules.ts';
import { lintSpec as lintSpecAgainst, type SpecWarning } from './spec/lint.ts';
import type { LoadedSpec } from './spec/load.ts';

// the package: the bundled spec (pass it as `specPath` to judge by it) and the package's folder
export { BUNDLED_SPEC, PACKAGE_ROOT } from './package.ts';
// spec
export { loadSpec, parseSpec, SpecError, OPERATION, type LoadedSpec } from './spec/load.ts';
export { DEFAULT_OPERATION, operationName, parseOperation, type OperationRef } from './spec/operation.ts';
export { convertSchema, SPEC_BASE } from './spec/convert.ts';
export { type SpecWarning } from './spec/lint.ts';
export { normaliseForPrism, type Normalisation } from './spec/normalise.ts';
// validators
export {
  buildValidators,
  createAjv,
  type Validators,
  type BodyValidator,
  type SchemaError,
} from './validators/index.ts';
// shared types
export type { AuthMode, Exchange, SentRequest, ReceivedResponse, TransportErrorKind } from './types.ts';
// generators
export type { TestCase, CaseKind, Violation } from './generators/case.ts';
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
export {
  DEFAULT_PROFILE,
  PROFILES,
  profileFor,
  type OperationProfile,
  type EchoGroup,
  type EchoField,
} from './checks/profile.ts';
/** The spec's quirks, judged against the default verdict profile's statuses unless others are given. */
export function lintSpec(spec: LoadedSpec, profileStatuses: readonly number[] = PROFILE_ONLY_STATUSES): SpecWarning[] {
  return lintSpecAgainst(spec, profileStatuses);
}
export type { Check, CheckContext, CheckResult, Failure, Finding, Severity } from './checks/types.ts';
// targets
export { startTarget, TargetError, type Target } from './targets/index.ts';
// runner
export { runSuite, type RunOptions, type RunHooks } from './runner/run.ts';
export { staticToken, type Credentials } from './runner/credentials.ts';
export { oauthClientCredentials, type OAuthOptions } from './runner/oauth.ts';
// report
export type {
  Report,
  ReportedFailure,
  ReportedProblem,
  CaseRecord,
  CheckSummary,
  SpecGap,
  PreflightResult,
  BaselineEntry,
  BaselineStatus,
  Triage,
  WaiverStatus,
} from './report/model.ts';
export { toMarkdown, type MarkdownOptions } from './report/markdown.ts';
export { toHar, createHarStream } from './report/har.ts';
export { toBaseline, parseBaseline, triage, BaselineError, type BaselineFile } from './report/baseline.ts';
export { writeReports } from './report/write.ts';
export { parseWaivers, WaiverError, type Waiver } from './waivers.ts';
export { toCurl } from './report/curl.ts';
export { toJUnit } from './report/junit.ts';
export { toHtml } from './report/html.ts';
export { mergeReports, MergeError } from './report/merge.ts';
export { createSecrets, redactSecrets, REDACTED, type Secrets } from './secrets.ts';
export { repeatCommand } from './report/repeat.ts';
// consumer contract
export {
  createOnboardingClient,
  readOutcome,
  type CreatedOnboarding,
  type OnboardingOutcome,
  type OnboardingResponse,
} from './client/onboarding.ts';
export {
  checkPact,
  comparePactWithSpec,
  verifyPact,
  PactFileError,
  ProviderUnreachableError,
  VerifierError,
  type InteractionVerdict,
  type Mismatch,
  type VerifyPactOptions,
  type VerifyPactResult,
} from './pact/index.ts';
export { compareReads, recordReads, type ReadMismatch } from './pact/reads.ts';
export { anyValuePaths } from './pact/any-value.ts';
// cli
export { main } from './cli/main.ts';
export type { Io } from './cli/io.ts';
