/**
 * Dependency versions of generated projects: the single source of truth. A unit test asserts they
 * equal this repository's devDependencies, so the tests compile and run what users get.
 */
export const SERVICE_VERSION = '1.0.0';

export const GENERATED_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@modelcontextprotocol/express': '2.0.2',
  '@modelcontextprotocol/node': '2.1.2',
  '@modelcontextprotocol/server': '2.4.0',
  express: '5.3.0',
  'fast-xml-parser': '5.12.1',
  zod: '4.6.7',
};

export const GENERATED_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@modelcontextprotocol/client': '2.4.0',
  '@types/express': '5.0.6',
  '@types/node': '20.19.43',
  typescript: '7.0.2',
};
