// The consumer contract ↔ spec ↔ provider loop (see contracts/README.md).
export {
  PactFileError,
  parsePact,
  readPactFile,
  type ParsedPact,
  type PactHttpInteraction,
  type PactMessage,
} from './pact-file.ts';
export {
  checkPact,
  comparePactWithSpec,
  crossCheckWithComparator,
  isDocumentedStatus,
  type ComparatorFinding,
  type CrossCheck,
  type Mismatch,
} from './compare.ts';
export { compareReads, fieldsOf, keepFields, recordReads, type FieldPath, type ReadMismatch } from './reads.ts';
export {
  needsStateMessage,
  ProviderUnreachableError,
  VerifierError,
  verifyPact,
  type InteractionVerdict,
  type VerifyPactOptions,
  type VerifyPactResult,
} from './verify.ts';
