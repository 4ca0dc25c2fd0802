/**
 * What each seed service must do: every REST route and MCP tool, the input a caller sends and the
 * request the upstream must receive (method, raw path+query, JSON body).
 */
export interface Expectation {
  readonly method: string;
  /** Raw request target at the upstream, after the base URL's own path. */
  readonly url: string;
  readonly body?: unknown;
}

export interface RestCall extends Expectation {
  readonly route: { readonly method: string; readonly url: string; readonly body?: unknown };
  readonly status?: number;
}

export interface ToolCall extends Expectation {
  readonly tool: string;
  readonly args: Record<string, unknown>;
}

export interface Seed {
  readonly id: string;
  readonly keyEnv: string;
  readonly baseUrlEnv: string;
  /** Base path appended to the fake upstream's URL, to prove base paths are kept. */
  readonly basePath: string;
  readonly rest: readonly RestCall[];
  readonly tools: readonly ToolCall[];
}

const ULID = '01G65Z755AFWAKHE12NY0CQ9FH';
const LAGO_BODY = { customer: { external_id: 'cust 1', name: 'Ärger & Co' } };
const KONG_BODY = { name: 'ACME', key: 'acme' };

export const LAGO: Seed = {
  id: 'lago-customers',
  keyEnv: 'LAGO_API_KEY',
  baseUrlEnv: 'LAGO_CUSTOMERS_BASE_URL',
  basePath: '/api/v1',
  rest: [
    { route: { method: 'POST', url: '/v1/customers', body: LAGO_BODY }, method: 'POST', url: '/customers', body: LAGO_BODY },
    { route: { method: 'GET', url: '/v1/customers' }, method: 'GET', url: '/customers' },
    { route: { method: 'DELETE', url: '/v1/customers/a%2Fb/applied-coupons/c%3Fd' }, method: 'DELETE', url: '/customers/a%2Fb/applied_coupons/c%3Fd' },
    { route: { method: 'POST', url: '/v1/customers/c-1/checkout-url' }, method: 'POST', url: '/customers/c-1/checkout_url' },
    { route: { method: 'GET', url: '/v1/customers/c-1/current-usage?external_subscription_id=s%261' }, method: 'GET', url: '/customers/c-1/current_usage?external_subscription_id=s%261' },
    {
      route: { method: 'GET', url: '/v1/customers/c-1/past-usage?external_subscription_id=s1&periods_count=3&billable_metric_code=m' },
      method: 'GET',
      url: '/customers/c-1/past_usage?external_subscription_id=s1&billable_metric_code=m&periods_count=3',
    },
    { route: { method: 'GET', url: '/v1/customers/c-1/portal-url' }, method: 'GET', url: '/customers/c-1/portal_url' },
    { route: { method: 'GET', url: '/v1/customers/%C3%A9t%C3%A9' }, method: 'GET', url: '/customers/%C3%A9t%C3%A9' },
    { route: { method: 'DELETE', url: '/v1/customers/c-1' }, method: 'DELETE', url: '/customers/c-1' },
  ],
  tools: [
    { tool: 'lago-create-customer', args: { body: LAGO_BODY }, method: 'POST', url: '/customers', body: LAGO_BODY },
    { tool: 'lago-list-all-customers', args: {}, method: 'GET', url: '/customers' },
    { tool: 'lago-delete-applied-coupon', args: { external_customer_id: 'a/b', applied_coupon_id: 'c' }, method: 'DELETE', url: '/customers/a%2Fb/applied_coupons/c' },
    { tool: 'lago-generate-customer-payment-provider', args: { external_customer_id: 'c-1' }, method: 'POST', url: '/customers/c-1/checkout_url' },
    { tool: 'lago-retrieve-customer-current-usage', args: { external_customer_id: 'c-1', external_subscription_id: 's1' }, method: 'GET', url: '/customers/c-1/current_usage?external_subscription_id=s1' },
    {
      tool: 'lago-retrieve-customer-past-usage',
      args: { external_customer_id: 'c-1', external_subscription_id: 's1', periods_count: 2 },
      method: 'GET',
      url: '/customers/c-1/past_usage?external_subscription_id=s1&periods_count=2',
    },
    { tool: 'lago-get-customer-portal-url', args: { external_customer_id: 'c-1' }, method: 'GET', url: '/customers/c-1/portal_url' },
    { tool: 'lago-retrieve-customer', args: { external_id: 'c 1' }, method: 'GET', url: '/customers/c%201' },
    { tool: 'lago-delete-customer', args: { external_id: 'c-1' }, method: 'DELETE', url: '/customers/c-1' },
  ],
};

const C = `/v3/openmeter/customers/${ULID}`;

export const KONNECT: Seed = {
  id: 'konnect-platform-openmeter-customers',
  keyEnv: 'KONG_API_KEY',
  baseUrlEnv: 'KONNECT_PLATFORM_OPENMETER_CUSTOMERS_BASE_URL',
  basePath: '',
  rest: [
    { route: { method: 'POST', url: '/v1/v3/openmeter/customers', body: KONG_BODY }, method: 'POST', url: '/v3/openmeter/customers', body: KONG_BODY },
    { route: { method: 'GET', url: '/v1/v3/openmeter/customers?sort=name%20desc&filter=acme' }, method: 'GET', url: '/v3/openmeter/customers?sort=name%20desc&filter=acme' },
    { route: { method: 'GET', url: `/v1${C}` }, method: 'GET', url: C },
    { route: { method: 'PUT', url: `/v1${C}`, body: { name: 'ACME' } }, method: 'PUT', url: C, body: { name: 'ACME' } },
    { route: { method: 'DELETE', url: `/v1${C}` }, method: 'DELETE', url: C, status: 204 },
    { route: { method: 'GET', url: `/v1${C}/billing` }, method: 'GET', url: `${C}/billing` },
    { route: { method: 'PUT', url: `/v1${C}/billing`, body: {} }, method: 'PUT', url: `${C}/billing`, body: {} },
    { route: { method: 'PUT', url: `/v1${C}/billing/app-data`, body: { stripe: {} } }, method: 'PUT', url: `${C}/billing/app-data`, body: { stripe: {} } },
    { route: { method: 'POST', url: `/v1${C}/billing/stripe/checkout-sessions`, body: { stripe_options: {} } }, method: 'POST', url: `${C}/billing/stripe/checkout-sessions`, body: { stripe_options: {} } },
    { route: { method: 'POST', url: `/v1${C}/billing/stripe/portal-sessions`, body: { stripe_options: {} } }, method: 'POST', url: `${C}/billing/stripe/portal-sessions`, body: { stripe_options: {} } },
  ],
  tools: [
    { tool: 'create-customer', args: { body: KONG_BODY }, method: 'POST', url: '/v3/openmeter/customers', body: KONG_BODY },
    { tool: 'list-customers', args: { sort: 'name' }, method: 'GET', url: '/v3/openmeter/customers?sort=name' },
    { tool: 'get-customer', args: { customerId: ULID }, method: 'GET', url: C },
    { tool: 'upsert-customer', args: { customerId: ULID, body: { name: 'A' } }, method: 'PUT', url: C, body: { name: 'A' } },
    { tool: 'delete-customer', args: { customerId: ULID }, method: 'DELETE', url: C },
    { tool: 'get-customer-billing-data', args: { customerId: ULID }, method: 'GET', url: `${C}/billing` },
    { tool: 'update-customer-billing-data', args: { customerId: ULID, body: {} }, method: 'PUT', url: `${C}/billing`, body: {} },
    { tool: 'update-customer-billing-app-data', args: { customerId: ULID, body: {} }, method: 'PUT', url: `${C}/billing/app-data`, body: {} },
    { tool: 'create-stripe-checkout-session', args: { customerId: ULID, body: { stripe_options: {} } }, method: 'POST', url: `${C}/billing/stripe/checkout-sessions`, body: { stripe_options: {} } },
    { tool: 'create-stripe-customer-portal-session', args: { customerId: ULID, body: { stripe_options: {} } }, method: 'POST', url: `${C}/billing/stripe/portal-sessions`, body: { stripe_options: {} } },
  ],
};
