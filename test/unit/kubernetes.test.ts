/**
 * deploy/kubernetes.yaml of every golden case and seed: valid against the Kubernetes API's schemas
 * (the validators kubernetes-models generates from the API's OpenAPI document, pinned in
 * package.json), and in agreement with the project's .env.example and drain settings.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Service, type IService } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kubernetesName } from '../../src/emit/kubernetes.js';
import { CASES_DIR, GENERATED_DIR } from '../helpers/cases.js';

const projects = [
  ...readdirSync(CASES_DIR).map((name) => ({ name, dir: join(CASES_DIR, name, 'expected') })),
  ...readdirSync(GENERATED_DIR).map((name) => ({ name: `generated/${name}`, dir: join(GENERATED_DIR, name) })),
].filter((p) => existsSync(join(p.dir, 'deploy', 'kubernetes.yaml')));

/** .env.example as name -> required. */
function envExample(dir: string): Map<string, boolean> {
  const vars = new Map<string, boolean>();
  let required = false;
  for (const line of readFileSync(join(dir, '.env.example'), 'utf8').split('\n')) {
    if (line.startsWith('#')) required = line.endsWith('(required)');
    else if (line.includes('=')) vars.set(line.slice(0, line.indexOf('=')), required);
  }
  return vars;
}

function manifest(dir: string) {
  const documents = parseAllDocuments(readFileSync(join(dir, 'deploy', 'kubernetes.yaml'), 'utf8'));
  for (const doc of documents) expect(doc.errors).toEqual([]);
  return documents.map((doc) => doc.toJS() as { kind: string });
}

describe('deploy/kubernetes.yaml', () => {
  it('is generated for the seeds and the golden cases that listen on HTTP', () => {
    expect(projects.map((p) => p.name)).toEqual(expect.arrayContaining(['generated/lago-customers', 'lago-customers', 'control-adapter', 'skill-only']));
    expect(projects.map((p) => p.name)).not.toContain('mcp-stdio');
  });

  describe.each(projects)('$name', ({ dir }) => {
    const objects = manifest(dir);
    const [deployment, service] = objects as [IDeployment, IService, ...unknown[]];
    const pod = deployment.spec!.template.spec!;
    const container = pod.containers[0]!;
    const env = new Map(container.env!.map((e) => [e.name, e]));
    const value = (name: string) => env.get(name)?.value;

    it('holds a Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget that the API schemas accept', () => {
      expect(objects.map((o) => o.kind)).toEqual(['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']);
      const models = [Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget];
      objects.forEach((object, i) => {
        const Model = models[i]!;
        expect(() => new Model(object as never).validate()).not.toThrow();
      });
    });

    it('sets every required variable of .env.example from a Secret or ConfigMap, never inline, and only known variables', () => {
      const contract = envExample(dir);
      for (const [name, required] of contract) {
        if (!required) continue;
        const entry = env.get(name);
        expect(entry?.value, name).toBeUndefined();
        expect(entry?.valueFrom?.secretKeyRef ?? entry?.valueFrom?.configMapKeyRef, name).toEqual({ name: expect.stringMatching(/-(secrets|config)$/), key: name });
      }
      for (const name of env.keys()) if (name !== 'POD_NAMESPACE') expect(contract.has(name), `${name} is in .env.example`).toBe(true);
      expect(value('HOST')).toBe('0.0.0.0');
    });

    it('runs as the numeric non-root node user on a read-only root filesystem', () => {
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(container.resources?.requests).toBeDefined();
      expect(container.resources?.limits).toBeDefined();
    });

    it('gives Kubernetes a grace period covering the drain, and probes the endpoints that follow it', () => {
      const drainMs = Number(value('DRAIN_DELAY_MS') ?? 0) + Number(value('SHUTDOWN_TIMEOUT_MS') ?? 0);
      expect(pod.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(drainMs);
      const portNames = new Set(container.ports!.map((p) => p.name));
      for (const probe of [container.livenessProbe, container.readinessProbe]) expect(portNames.has(String(probe?.httpGet?.port))).toBe(true);
      expect(service.spec!.ports!.map((p) => p.targetPort)).toEqual(container.ports!.map((p) => p.name));
      // Each served port is the default of its variable in .env.example.
      for (const port of container.ports!) expect(value(`${port.name!.toUpperCase()}_PORT`)).toBe(String(port.containerPort));
    });

    it('accepts MCP clients that reach the pods through the Service', () => {
      if (!env.has('MCP_PORT')) return;
      const hosts = value('MCP_ALLOWED_HOSTS')!.split(',');
      const name = service.metadata!.name!;
      expect(hosts).toEqual(expect.arrayContaining([name, `${name}.$(POD_NAMESPACE)`, `${name}.$(POD_NAMESPACE).svc.cluster.local`]));
      // $(POD_NAMESPACE) is only expanded when the variable is defined before it.
      expect([...env.keys()].indexOf('POD_NAMESPACE')).toBeLessThan([...env.keys()].indexOf('MCP_ALLOWED_HOSTS'));
    });
  });

  it.each([
    ['lago-customers', 'lago-customers'],
    ['Acme_Orders.v2', 'acme-orders-v2'],
    ['2fa-service', 'fa-service'],
    ['--', 'service'],
    ['x'.repeat(80), 'x'.repeat(55)],
  ])('names %j as the DNS label %j', (id, name) => {
    expect(kubernetesName(id)).toBe(name);
    expect(name).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
  });
});
