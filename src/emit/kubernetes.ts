/**
 * deploy/kubernetes.yaml: Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget of a
 * project, built as typed objects from the same model as .env.example and serialised with the yaml
 * package (never text pasted together), so the manifest and the environment contract cannot disagree.
 */
// Types only (erased from the build): the Kubernetes API's own field names and types, so a
// misspelt or misplaced field is a compile error here, not a manifest the API server rejects.
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IIoK8sApiCoreV1EnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IIoK8sApiCoreV1Probe } from 'kubernetes-models/v1/Probe';
import type { IService } from 'kubernetes-models/v1/Service';
import type { CapabilityModel, EnvVar } from '../model/types.js';
import { DRAIN_DELAY_MS, SHUTDOWN_TIMEOUT_MS, listensOnHttp } from '../model/runtime-env.js';
import { yamlStream } from './text.js';
import type { GeneratedFile } from './types.js';
import { SERVICE_VERSION } from './versions.js';

/** The official image's `node` user: numeric, so the kubelet can verify runAsNonRoot. */
export const NODE_UID = 1000;
/** Seconds between SIGTERM and SIGKILL: the drain delay, the time for in-flight calls, and a margin. */
export const TERMINATION_GRACE_SECONDS = Math.ceil((DRAIN_DELAY_MS + SHUTDOWN_TIMEOUT_MS) / 1000) + 5;

interface Port {
  readonly name: 'rest' | 'mcp' | 'skill' | 'control';
  readonly port: number;
  readonly env: string;
}

/** A DNS-1035 label (what Service names must be): lowercase letters, digits and '-', a letter first. */
export function kubernetesName(id: string): string {
  const name = id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^[^a-z]+/, '').slice(0, 55).replace(/-+$/, '');
  return name || 'service';
}

/** The names of the objects the manifest expects the user to create, for the README. */
export function kubernetesView(model: CapabilityModel) {
  const name = kubernetesName(model.id);
  return {
    name,
    image: `${name}:${SERVICE_VERSION}`,
    secret: `${name}-secrets`,
    configMap: `${name}-config`,
    secrets: model.env.filter((e) => e.required && e.secret).map((e) => e.name),
    settings: model.env.filter((e) => e.required && !e.secret).map((e) => e.name),
    graceSeconds: TERMINATION_GRACE_SECONDS,
  };
}

/** Ports that pods serve to other pods: control stays on loopback unless only it listens. */
function servedPorts(model: CapabilityModel): Port[] {
  const ports: Port[] = [];
  if (model.rest) ports.push({ name: 'rest', port: model.rest.port, env: 'REST_PORT' });
  if (model.mcp?.port !== undefined) ports.push({ name: 'mcp', port: model.mcp.port, env: 'MCP_PORT' });
  if (model.skill) ports.push({ name: 'skill', port: model.skill.port, env: 'SKILL_PORT' });
  if (ports.length === 0 && model.control?.health && !model.control.auth) ports.push({ name: 'control', port: model.control.port, env: 'CONTROL_PORT' });
  return ports;
}

/** Liveness and readiness on the first served adapter: the endpoints that follow the drain. */
function probes(port: Port | undefined): Record<'livenessProbe' | 'readinessProbe' | 'startupProbe', IIoK8sApiCoreV1Probe> | Record<string, never> {
  if (!port) return {};
  const [live, ready] = port.name === 'control' ? ['/health/live', '/health/ready'] : port.name === 'skill' ? ['/health', '/health'] : ['/health', '/ready'];
  return {
    livenessProbe: { httpGet: { path: live, port: port.name }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
    readinessProbe: { httpGet: { path: ready, port: port.name }, periodSeconds: 2, timeoutSeconds: 2, failureThreshold: 1, successThreshold: 1 },
    startupProbe: { httpGet: { path: live, port: port.name }, periodSeconds: 1, failureThreshold: 30 },
  };
}

function environment(model: CapabilityModel, ports: readonly Port[], view: ReturnType<typeof kubernetesView>): IIoK8sApiCoreV1EnvVar[] {
  const env: IIoK8sApiCoreV1EnvVar[] = [];
  const fromContract = (e: EnvVar): IIoK8sApiCoreV1EnvVar =>
    e.secret ? { name: e.name, valueFrom: { secretKeyRef: { name: view.secret, key: e.name } } } : { name: e.name, valueFrom: { configMapKeyRef: { name: view.configMap, key: e.name } } };
  env.push(...model.env.filter((e) => e.required).map(fromContract));
  env.push({ name: 'HOST', value: '0.0.0.0' });
  if (ports.some((p) => p.name === 'control')) env.push({ name: 'CONTROL_HOST', value: '0.0.0.0' });
  for (const port of ports) env.push({ name: port.env, value: String(port.port) });
  if (listensOnHttp(model)) {
    env.push({ name: 'DRAIN_DELAY_MS', value: String(DRAIN_DELAY_MS) }, { name: 'SHUTDOWN_TIMEOUT_MS', value: String(SHUTDOWN_TIMEOUT_MS) });
  }
  if (model.mcp?.port !== undefined) {
    // MCP clients inside the cluster send the Service's name as Host; the DNS-rebinding check
    // refuses any name not listed. $(POD_NAMESPACE) is expanded by the kubelet.
    env.push({ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } });
    const service = view.name;
    const names = [service, `${service}.$(POD_NAMESPACE)`, `${service}.$(POD_NAMESPACE).svc`, `${service}.$(POD_NAMESPACE).svc.cluster.local`, 'localhost', '127.0.0.1'];
    env.push({ name: 'MCP_ALLOWED_HOSTS', value: names.join(',') });
  }
  return env;
}

function deployment(model: CapabilityModel, view: ReturnType<typeof kubernetesView>, labels: Record<string, string>): IDeployment {
  const ports = servedPorts(model);
  const selector = { 'app.kubernetes.io/name': view.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: view.name, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: selector },
      // One extra pod at a time and none taken away first: a roll never lowers capacity.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: {
          terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: NODE_UID, runAsGroup: NODE_UID, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: view.name,
              image: view.image,
              imagePullPolicy: 'IfNotPresent',
              ports: ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })),
              env: environment(model, ports, view),
              ...probes(ports[0]),
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}

function service(model: CapabilityModel, view: ReturnType<typeof kubernetesView>, labels: Record<string, string>): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: view.name, labels },
    spec: {
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': view.name },
      ports: servedPorts(model).map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: 'TCP' })),
    },
  };
}

function autoscaler(view: ReturnType<typeof kubernetesView>, labels: Record<string, string>): IHorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: view.name, labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: view.name },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  };
}

function disruptionBudget(view: ReturnType<typeof kubernetesView>, labels: Record<string, string>): IPodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: view.name, labels },
    spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': view.name } } },
  };
}

/** Whether the project gets a manifest: not when it serves no HTTP (an MCP server over stdio). */
export function deploysToKubernetes(model: CapabilityModel): boolean {
  return listensOnHttp(model) && servedPorts(model).length > 0;
}

export function emitKubernetes(model: CapabilityModel): GeneratedFile[] {
  if (!deploysToKubernetes(model)) return [];
  const view = kubernetesView(model);
  const labels = { 'app.kubernetes.io/name': view.name, 'app.kubernetes.io/version': SERVICE_VERSION };
  const objects: object[] = [deployment(model, view, labels), service(model, view, labels), autoscaler(view, labels), disruptionBudget(view, labels)];
  const header = [`Code generated by naftiko-gen from ${model.sourceFile}. DO NOT EDIT.`, 'Apply: see "Deploy to Kubernetes" in README.md.'];
  return [{ path: 'deploy/kubernetes.yaml', contents: yamlStream(objects, header) }];
}
