/**
 * Contract cases: for every vendor operation a seed consumes, a valid REST call and a valid tool
 * call, the vendor's documented success status, and one invalid call the vendor (not our service,
 * whose spec only knows `type: object`) must reject with its own documented error.
 */
import { fileURLToPath } from 'node:url';

export interface VendorOperation {
  /** Path template and method in the vendor's OpenAPI document. */
  readonly path: string;
  readonly method: string;
  /** The vendor's documented success status. */
  readonly status: number;
  readonly rest: { readonly method: string; readonly url: string; readonly body?: unknown };
  readonly tool: { readonly name: string; readonly args: Record<string, unknown> };
}

export interface InvalidCall {
  readonly what: string;
  /** The problem's path of the offending field, once the service validates with the vendor's schema. */
  readonly field: string;
  readonly path: string;
  readonly method: string;
  readonly status: number;
  readonly rest: { readonly method: string; readonly url: string; readonly body: unknown };
  readonly tool: { readonly name: string; readonly args: Record<string, unknown> };
}

export interface VendorContract {
  readonly id: string;
  readonly keyEnv: string;
  readonly baseUrlEnv: string;
  /** The vendor document Prism serves, relative to the repository root: ../shared/upstream/... */
  readonly document: string;
  readonly operations: readonly VendorOperation[];
  readonly invalid: InvalidCall;
  /** Properties the vendor documents for the invalid call's body (what an agent must see). */
  readonly bodyFields: readonly string[];
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const shared = (path: string) => `${REPO}../shared/upstream/${path}`;

const COUPON = '6a1d9e2c-3f4b-4c5d-8e9f-0a1b2c3d4e5f';
const LAGO_CUSTOMER = { customer: { external_id: 'cust-1', name: 'Acme GmbH', email: 'billing@acme.test', currency: 'EUR', country: 'DE' } };

export const LAGO: VendorContract = {
  id: 'lago-customers',
  keyEnv: 'LAGO_API_KEY',
  baseUrlEnv: 'LAGO_CUSTOMERS_BASE_URL',
  document: shared('lago/customers.openapi.yaml'),
  operations: [
    { path: '/customers', method: 'post', status: 200, rest: { method: 'POST', url: '/v1/customers', body: LAGO_CUSTOMER }, tool: { name: 'lago-create-customer', args: { body: LAGO_CUSTOMER } } },
    { path: '/customers', method: 'get', status: 200, rest: { method: 'GET', url: '/v1/customers' }, tool: { name: 'lago-list-all-customers', args: {} } },
    {
      path: '/customers/{external_customer_id}/applied_coupons/{applied_coupon_id}',
      method: 'delete',
      status: 200,
      rest: { method: 'DELETE', url: `/v1/customers/cust-1/applied-coupons/${COUPON}` },
      tool: { name: 'lago-delete-applied-coupon', args: { external_customer_id: 'cust-1', applied_coupon_id: COUPON } },
    },
    {
      path: '/customers/{external_customer_id}/checkout_url',
      method: 'post',
      status: 200,
      rest: { method: 'POST', url: '/v1/customers/cust-1/checkout-url' },
      tool: { name: 'lago-generate-customer-payment-provider', args: { external_customer_id: 'cust-1' } },
    },
    {
      path: '/customers/{external_customer_id}/current_usage',
      method: 'get',
      status: 200,
      rest: { method: 'GET', url: '/v1/customers/cust-1/current-usage?external_subscription_id=sub-1' },
      tool: { name: 'lago-retrieve-customer-current-usage', args: { external_customer_id: 'cust-1', external_subscription_id: 'sub-1' } },
    },
    {
      path: '/customers/{external_customer_id}/past_usage',
      method: 'get',
      status: 200,
      rest: { method: 'GET', url: '/v1/customers/cust-1/past-usage?external_subscription_id=sub-1&periods_count=2&billable_metric_code=cpu' },
      tool: { name: 'lago-retrieve-customer-past-usage', args: { external_customer_id: 'cust-1', external_subscription_id: 'sub-1', periods_count: 2 } },
    },
    {
      path: '/customers/{external_customer_id}/portal_url',
      method: 'get',
      status: 200,
      rest: { method: 'GET', url: '/v1/customers/cust-1/portal-url' },
      tool: { name: 'lago-get-customer-portal-url', args: { external_customer_id: 'cust-1' } },
    },
    { path: '/customers/{external_customer_id}', method: 'get', status: 200, rest: { method: 'GET', url: '/v1/customers/cust-1' }, tool: { name: 'lago-retrieve-customer', args: { external_id: 'cust-1' } } },
    { path: '/customers/{external_customer_id}', method: 'delete', status: 200, rest: { method: 'DELETE', url: '/v1/customers/cust-1' }, tool: { name: 'lago-delete-customer', args: { external_id: 'cust-1' } } },
  ],
  invalid: {
    what: 'a customer without external_id',
    field: 'body.customer.external_id',
    path: '/customers',
    method: 'post',
    status: 422,
    rest: { method: 'POST', url: '/v1/customers', body: { customer: { name: 'Acme GmbH' } } },
    tool: { name: 'lago-create-customer', args: { body: { customer: { name: 'Acme GmbH' } } } },
  },
  bodyFields: ['customer'],
};

const ULID = '01G65Z755AFWAKHE12NY0CQ9FH';
const C = `/v1/v3/openmeter/customers/${ULID}`;
const KONG_CUSTOMER = { name: 'ACME Inc.', key: 'acme-inc', primary_email: 'billing@acme.test', currency: 'USD', labels: { tier: 'gold' } };
const ONE = '/v3/openmeter/customers/{customerId}';

export const KONNECT: VendorContract = {
  id: 'konnect-platform-openmeter-customers',
  keyEnv: 'KONG_API_KEY',
  baseUrlEnv: 'KONNECT_PLATFORM_OPENMETER_CUSTOMERS_BASE_URL',
  document: shared('kong-konnect/openmeter-customers.openapi.yaml'),
  operations: [
    { path: '/v3/openmeter/customers', method: 'post', status: 201, rest: { method: 'POST', url: '/v1/v3/openmeter/customers', body: KONG_CUSTOMER }, tool: { name: 'create-customer', args: { body: KONG_CUSTOMER } } },
    {
      path: '/v3/openmeter/customers',
      method: 'get',
      status: 200,
      rest: { method: 'GET', url: '/v1/v3/openmeter/customers?sort=created_at%20desc' },
      tool: { name: 'list-customers', args: { sort: 'name' } },
    },
    { path: ONE, method: 'get', status: 200, rest: { method: 'GET', url: C }, tool: { name: 'get-customer', args: { customerId: ULID } } },
    { path: ONE, method: 'put', status: 200, rest: { method: 'PUT', url: C, body: { name: 'ACME Corp.' } }, tool: { name: 'upsert-customer', args: { customerId: ULID, body: { name: 'ACME Corp.' } } } },
    { path: ONE, method: 'delete', status: 204, rest: { method: 'DELETE', url: C }, tool: { name: 'delete-customer', args: { customerId: ULID } } },
    { path: `${ONE}/billing`, method: 'get', status: 200, rest: { method: 'GET', url: `${C}/billing` }, tool: { name: 'get-customer-billing-data', args: { customerId: ULID } } },
    { path: `${ONE}/billing`, method: 'put', status: 200, rest: { method: 'PUT', url: `${C}/billing`, body: {} }, tool: { name: 'update-customer-billing-data', args: { customerId: ULID, body: {} } } },
    {
      path: `${ONE}/billing/app-data`,
      method: 'put',
      status: 200,
      rest: { method: 'PUT', url: `${C}/billing/app-data`, body: {} },
      tool: { name: 'update-customer-billing-app-data', args: { customerId: ULID, body: {} } },
    },
    {
      path: `${ONE}/billing/stripe/checkout-sessions`,
      method: 'post',
      status: 201,
      rest: { method: 'POST', url: `${C}/billing/stripe/checkout-sessions`, body: { stripe_options: { ui_mode: 'hosted', success_url: 'https://acme.test/ok' } } },
      tool: { name: 'create-stripe-checkout-session', args: { customerId: ULID, body: { stripe_options: {} } } },
    },
    {
      path: `${ONE}/billing/stripe/portal-sessions`,
      method: 'post',
      status: 201,
      rest: { method: 'POST', url: `${C}/billing/stripe/portal-sessions`, body: { stripe_options: { return_url: 'https://acme.test/back' } } },
      tool: { name: 'create-stripe-customer-portal-session', args: { customerId: ULID, body: { stripe_options: {} } } },
    },
  ],
  invalid: {
    what: 'a customer without key',
    field: 'body.key',
    path: '/v3/openmeter/customers',
    method: 'post',
    status: 400,
    rest: { method: 'POST', url: '/v1/v3/openmeter/customers', body: { name: 'ACME Inc.' } },
    tool: { name: 'create-customer', args: { body: { name: 'ACME Inc.' } } },
  },
  bodyFields: ['name', 'key', 'primary_email', 'currency', 'labels'],
};
