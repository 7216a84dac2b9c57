// The consumer contract's interactions, by the description each is recorded under: the pact tests write them, and the
// unit tests of the pact tooling and the provider verification look them up by the same names.

export const MINIMAL = 'a request to onboard an EV with only brand and type';
export const FULL = 'a request to onboard a HeatPump with every optional field';
export const REDIRECT = 'a request to onboard a ChargePoint that needs the user redirected to the OEM';
export const MISSING_BRAND = 'a request to onboard an EV without a brand';
export const NO_CREDENTIALS = 'a request to onboard an EV without credentials';
