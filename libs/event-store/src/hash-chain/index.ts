export { canonicalJson } from './canonical-json.js';
export { CHAIN_GENESIS, CHAIN_METADATA_KEY, chainHeadAfter, chainValue, linkToChain, recordedChainValue, type ChainableEvent } from './hash-chain.js';
export { ChainVerifier, verifyChain, type ChainBreak, type ChainVerdict, type VerifiableEvent } from './chain-verifier.js';
export { UnreadableLogEventError, verifyStreamChain, verifyStreamChains, type StreamChainVerdict } from './stream-chain-verification.js';
