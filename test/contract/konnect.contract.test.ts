/** Konnect OpenMeter Customers seed service against Prism serving Kong's own OpenAPI document (see contract-suite.ts). */
import { contractSuite } from './contract-suite.js';
import { KONNECT } from './vendors.js';

contractSuite(KONNECT);
