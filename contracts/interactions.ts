// The consumer contract's interactions, by the description each is recorded under: the pact tests write them, and the
// unit tests of the pact tooling and the provider verification look them up by the same names.

export const MINIMAL = 'a request to onboard an EV with only brand and type';
export const FULL = 'a request to onboard a HeatPump with every optional field';
export const REDIRECT = 'a request to onboard a ChargePoint that needs the user redirected to the OEM';
export const MISSING_BRAND = 'a request to onboard an EV without a brand';
export const NO_CREDENTIALS = 'a request to onboard an EV without credentials';

/** The collective and the owner FULL names: the provider's data, hence provider states. */
export const COLLECTIVE_ID = '3f8e5a52-9c1d-4b7e-8a6f-2d4c6b8a0e13';
export const OWNER_ID = '8a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d';

/** The provider states the pact records: a provider sets each up before the interactions that are given it. */
export const STATES = {
  collective: `collective ${COLLECTIVE_ID} exists`,
  owner: `owner ${OWNER_ID} exists`,
  /** REDIRECT: the spec does not say when a provider redirects; which OEM does is the provider's data. */
  redirectingOem: 'the OEM of brand Wallbox requires a consent redirect',
} as const;
