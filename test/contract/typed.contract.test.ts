/**
 * The seed services generated with `--openapi` and the vendors' own documents (see
 * contract-suite.ts, `typed`): what the service validates is what the vendor documents, so every
 * valid call still reaches Prism without a violation and invalid ones never leave the service.
 */
import { contractSuite } from './contract-suite.js';
import { KONNECT, LAGO } from './vendors.js';

contractSuite(LAGO, true);
contractSuite(KONNECT, true);
