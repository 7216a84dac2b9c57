import type { Normalisation } from '../spec/normalise.ts';
import type { Waiver } from '../waivers.ts';

/** A system under test, ready to receive requests. */
export interface Target {
  readonly kind: 'prism' | 'url';
  /** Stands for the spec's `servers[0].url`: requests go to `baseUrl + /v1/onboarding/entities`. */
  readonly baseUrl: string;
  /** A mock answering example data: echo checks are skipped. */
  readonly mock: boolean;
  /** Waivers that apply to this target only (Prism's own departures from the spec). */
  readonly waivers: readonly Waiver[];
  /** Changes made to the spec the target was given. */
  readonly normalisations: readonly Normalisation[];
  /** Default per-request timeout for this target, ms. */
  readonly defaultTimeoutMs: number;
  stop(): Promise<void>;
}

/** A target that cannot be used: the CLI turns it into one line and exit code 2. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/** The bearer sent to a mock when the run has no token: a mock cannot tell tokens apart, any well-formed one does. */
export const MOCK_TOKEN = 'conformance-prism-token';

/** The bearer for a target: the one given, else the stand-in when the target is a mock (none for a provider). */
export const tokenFor = (given: string | undefined, mock: boolean): string | undefined =>
  given ?? (mock ? MOCK_TOKEN : undefined);
