/** Lago Customers seed service against Prism serving Lago's own OpenAPI document (see contract-suite.ts). */
import { contractSuite } from './contract-suite.js';
import { LAGO } from './vendors.js';

contractSuite(LAGO);
