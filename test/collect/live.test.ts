/**
 * Live collection end to end: the built CLI, the real SDK clients and credentials chain, against
 * the fake cloud on 127.0.0.1 serving the incident's estate.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/snapshot/types.js';
import { FAKE_ACCESS_KEY_ID, FAKE_ACCESS_KEY_SECRET, padScenario, scenarioFromSnapshot } from '../fake-cloud/scenario.js';
import { startFakeCloud, type FakeCloudOptions } from '../fake-cloud/server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seed = JSON.parse(readFileSync(join(root, 'fixtures/snapshots/seed-incident.json'), 'utf8')) as Snapshot;

/** Runs the CLI without blocking the event loop the fake cloud answers on. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'dist/cli.js'), ...args], {
      cwd: mkdtempSync(join(tmpdir(), 'live-')),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: mkdtempSync(join(tmpdir(), 'home-')),
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        ALIBABA_CLOUD_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: FAKE_ACCESS_KEY_SECRET,
        LANG: 'C.UTF-8',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A kubeconfig for a fake Kubernetes API (plain HTTP on loopback). */
function kubeconfigFor(port: number, token: string): string {
  return `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:${port}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: ${token}\ncontexts:\n- name: x\n  context:\n    cluster: c\n    user: u\ncurrent-context: x\n`;
}

/**
 * The fake cloud serving the scenario, and for every seed cluster a fake Kubernetes API that
 * ACK's DescribeClusterUserKubeconfig points at, as on a real account.
 */
async function withCloud<T>(options: FakeCloudOptions, run: (endpointArgs: string[], cloud: Awaited<ReturnType<typeof startFakeCloud>>) => Promise<T>, scenario = scenarioFromSnapshot(seed)) {
  const { startFakeKube, scenarioFromSnapshot: kubeScenario, FAKE_KUBE_TOKEN } = await import('../fake-kube/server.js');
  const kubes = await Promise.all(
    scenario.clusters
      .filter((c) => !c.kubeconfig && (seed.clusters ?? []).some((sc) => sc.id === c.detail.cluster_id))
      .map(async (c) => {
        const kube = await startFakeKube(kubeScenario(seed, c.detail.cluster_id));
        c.kubeconfig = kubeconfigFor(kube.port, FAKE_KUBE_TOKEN);
        return kube;
      }),
  );
  const cloud = await startFakeCloud(scenario, options);
  try {
    const url = `http://${cloud.endpoint}`;
    return await run(['--region', 'cn-hangzhou', '--endpoint', `cs=${url}`, '--endpoint', `vpc=${url}`, '--endpoint', `ecs=${url}`, '--timeout', '5'], cloud);
  } finally {
    await cloud.close();
    await Promise.all(kubes.map((k) => k.close()));
  }
}

const pair = ['--cluster', 'c-terway00shop01', '--source-cluster', 'c-flannel0shop01'];

/** What the cloud APIs can give back of the seed snapshot (no Kubernetes data, no per-node OS facts). */
function cloudPart(s: Snapshot) {
  const usedTypes = new Set([...(s.clusters ?? []).flatMap((c) => (c.nodePools ?? []).flatMap((p) => p.instanceTypes)), ...(s.nodes ?? []).map((n) => n.instanceType)]);
  return {
    clusters: (s.clusters ?? []).map((c) => ({ ...c, nodePools: (c.nodePools ?? []).map(({ terwayMode: _m, ...p }) => p) })),
    nodes: (s.nodes ?? []).map(({ osImage: _o, kernelVersion: _k, allocatablePods: _a, ...n }) => n),
    vswitches: s.vswitches,
    natGateways: s.natGateways,
    snatEntries: s.snatEntries,
    routeTables: s.routeTables,
    eips: s.eips,
    instances: s.instances,
    instanceTypes: (s.instanceTypes ?? []).filter((t) => usedTypes.has(t.id)),
  };
}

describe('live collection against the fake cloud', () => {
  it('collects the incident estate through the SDKs into the same sections, without secrets', async () => {
    await withCloud({}, async (endpoints, cloud) => {
      const r = await cli(['collect', ...endpoints, ...pair, '--output', 'snap.json']);
      expect(r.code, r.stderr).toBe(0);
      const dir = (r as unknown as { cwd?: string }).cwd;
      void dir;
      expect(cloud.calls.length).toBeGreaterThan(10);
      expect(cloud.calls.every((c) => c.accessKeyId === FAKE_ACCESS_KEY_ID)).toBe(true);
    });
  });

  it('lints live: without a kubeconfig from ACK the Kubernetes data is a named gap, the cloud findings stand', async () => {
    const scenario = scenarioFromSnapshot(seed);
    for (const c of scenario.clusters) c.kubeconfig = '';
    const cloud = await startFakeCloud(scenario, {});
    try {
      const url = `http://${cloud.endpoint}`;
      const r = await cli(['--region', 'cn-hangzhou', '--endpoint', `cs=${url}`, '--endpoint', `vpc=${url}`, '--endpoint', `ecs=${url}`, ...pair, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const result = JSON.parse(r.stdout) as { findings: { ruleId: string; target: { id: string } }[]; outcomes: { ruleId: string; status: string; reasons: { en: string }[] }[] };
      expect(result.findings.map((f) => `${f.ruleId} ${f.target.id}`)).toContain('instance-type-cannot-join np-tw-web/ecs.g6.large');
      const podRule = result.outcomes.find((o) => o.ruleId === 'pod-vswitch-without-snat')!;
      expect(podRule.status).toBe('not-evaluated');
      expect(podRule.reasons.map((x) => x.en).join(' ')).toMatch(/eniConfigs of c-terway00shop01: cs\.DescribeClusterUserKubeconfig failed \(invalid-request ErrorQueryKubeConfig/);
    } finally {
      await cloud.close();
    }
  });

  it('saves a snapshot equal to the seed in every cloud section, and it lints offline the same way', async () => {
    await withCloud({}, async (endpoints) => {
      const out = join(mkdtempSync(join(tmpdir(), 'snap-')), 'snap.json');
      const r = await cli(['collect', ...endpoints, ...pair, '--output', out]);
      expect(r.code, r.stderr).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text).not.toContain(FAKE_ACCESS_KEY_SECRET);
      expect(text).not.toContain(FAKE_ACCESS_KEY_ID);
      const collected = JSON.parse(text) as Snapshot;
      expect(cloudPart(collected)).toEqual(cloudPart(seed));
      expect(collected.meta.scope).toEqual(seed.meta.scope);
      const offline = await cli(['--snapshot', out, '--format', 'json']);
      expect(offline.code).toBe(1);
    });
  });

  it('survives 20% throttling with an identical snapshot', async () => {
    const collect = (options: FakeCloudOptions) =>
      withCloud(options, async (endpoints, cloud) => {
        const out = join(mkdtempSync(join(tmpdir(), 'snap-')), 'snap.json');
        const r = await cli(['collect', ...endpoints, ...pair, '--output', out]);
        expect(r.code, r.stderr).toBe(0);
        return { snapshot: JSON.parse(readFileSync(out, 'utf8')) as Snapshot, throttled: cloud.calls.filter((c) => c.outcome === 'throttled').length };
      });
    const calm = await collect({});
    const rough = await collect({ throttle: { rate: 0.2, seed: 7, retryAfterMs: 5 } });
    expect(rough.throttled).toBeGreaterThan(0);
    const { meta: _a, ...calmSections } = calm.snapshot;
    const { meta: _b, ...roughSections } = rough.snapshot;
    expect(roughSections).toEqual(calmSections);
  });

  it('a 403 on one API leaves that section out, names the RAM action, and the run is incomplete', async () => {
    await withCloud({ failures: { DescribeSnatTableEntries: { status: 403, code: 'Forbidden.RAM' } } }, async (endpoints, cloud) => {
      const out = join(mkdtempSync(join(tmpdir(), 'snap-')), 'snap.json');
      const collect = await cli(['collect', ...endpoints, ...pair, '--output', out]);
      expect(collect.code).toBe(3);
      expect(collect.stderr).toMatch(/not collected: snatEntries: vpc\.DescribeSnatTableEntries permission Forbidden\.RAM; grant vpc:DescribeSnatTableEntries/);
      const snapshot = JSON.parse(readFileSync(out, 'utf8')) as Snapshot;
      expect(snapshot.snatEntries).toBeUndefined();
      expect(snapshot.vswitches?.length).toBe(seed.vswitches?.length);
      // never retried
      expect(cloud.calls.filter((c) => c.action === 'DescribeSnatTableEntries').length).toBe(1);
      const lint = await cli(['--snapshot', out, '--only', 'pod-vswitch-without-snat']);
      expect(lint.code).toBe(3);
      expect(lint.stdout).toMatch(/grant vpc:DescribeSnatTableEntries/);
    });
  });

  it('a call that times out, and one whose body is not JSON, are recorded as gaps of their kind', async () => {
    await withCloud({ hang: { DescribeRouteTableList: 10_000 }, malformed: { DescribeEipAddresses: 'not-json' } }, async (endpoints) => {
      const out = join(mkdtempSync(join(tmpdir(), 'snap-')), 'snap.json');
      const args = endpoints.map((a) => (a === '5' ? '1' : a)); // --timeout 1
      const r = await cli(['collect', ...args, ...pair, '--output', out]);
      expect(r.code).toBe(3);
      const snapshot = JSON.parse(readFileSync(out, 'utf8')) as Snapshot;
      expect(snapshot.routeTables).toBeUndefined();
      expect(snapshot.eips).toBeUndefined();
      expect(snapshot.vswitches?.length).toBe(seed.vswitches?.length);
      const kinds = Object.fromEntries(snapshot.errors.filter((e) => e.source !== 'kube').map((e) => [e.source, e.kind]));
      expect(kinds).toEqual({ 'vpc.DescribeRouteTableList': 'timeout', 'vpc.DescribeEipAddresses': 'invalid-response' });
    });
  }, 120_000);

  it('reads every page: a vSwitch on page 7 and a node on the last page are collected', async () => {
    const scenario = padScenario(scenarioFromSnapshot(seed), { vswitches: 330, snatEntries: 120 });
    await withCloud(
      {},
      async (endpoints, cloud) => {
        const out = join(mkdtempSync(join(tmpdir(), 'snap-')), 'snap.json');
        const r = await cli(['collect', ...endpoints, ...pair, '--output', out]);
        expect(r.code, r.stderr).toBe(0);
        const snapshot = JSON.parse(readFileSync(out, 'utf8')) as Snapshot;
        expect(snapshot.vswitches?.length).toBe(330);
        expect(snapshot.vswitches?.map((v) => v.id)).toEqual(expect.arrayContaining(seed.vswitches!.map((v) => v.id)));
        const pages = cloud.calls.filter((c) => c.action === 'DescribeVSwitches').map((c) => c.page);
        expect(pages).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect(cloud.calls.filter((c) => c.action === 'DescribeVSwitches').every((c) => c.pageSize === 50)).toBe(true);
      },
      scenario,
    );
  });

  it('without credentials: one line saying what was tried, exit 2', async () => {
    const r = await cli(['--region', 'cn-hangzhou'], { ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no Alibaba Cloud credentials found; tried ALIBABA_CLOUD_ACCESS_KEY_ID/);
  });
});

describe('live collection from the config file', () => {
  it('takes region, endpoints and the pair from .terway-lint.yaml', async () => {
    const cloud = await startFakeCloud(scenarioFromSnapshot(seed), {});
    try {
      const dir = mkdtempSync(join(tmpdir(), 'cfg-live-'));
      const url = `http://${cloud.endpoint}`;
      const { writeFileSync } = await import('node:fs');
      writeFileSync(
        join(dir, '.terway-lint.yaml'),
        `region: cn-hangzhou\nendpoints:\n  cs: ${url}\n  vpc: ${url}\n  ecs: ${url}\ntimeout: 5\nconcurrency: 4\nclusters:\n  - id: c-terway00shop01\n    source: c-flannel0shop01\ncompose:\n  - file: deploy/docker-compose.yml\n    nodes: [i-bp1tapp000001]\n`,
      );
      const { mkdirSync, copyFileSync } = await import('node:fs');
      mkdirSync(join(dir, 'deploy'));
      copyFileSync(join(root, 'fixtures/compose/redis/docker-compose.yml'), join(dir, 'deploy/docker-compose.yml'));
      const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(root, 'dist/cli.js'), '--format', 'json'], {
          cwd: dir,
          env: { PATH: process.env.PATH ?? '', HOME: dir, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ALIBABA_CLOUD_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: FAKE_ACCESS_KEY_SECRET },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const result = JSON.parse(r.stdout) as { subjects: { clusterId: string; sourceClusterId?: string }[]; findings: { ruleId: string; target: { id: string }; location: { file?: string; line?: number } }[] };
      expect(result.subjects).toEqual([expect.objectContaining({ clusterId: 'c-terway00shop01', sourceClusterId: 'c-flannel0shop01' })]);
      // the compose file named in the config, relative to it
      expect(result.findings.find((f) => f.ruleId === 'host-published-port')?.location).toMatchObject({ file: 'deploy/docker-compose.yml', line: 8 });
      // SARIF of a live run that saved no snapshot: findings point at their cluster's entry in the config
      const sarifRun = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [join(root, 'dist/cli.js'), '--format', 'sarif', '--output', 'out.sarif'], {
          cwd: dir,
          env: { PATH: process.env.PATH ?? '', HOME: dir, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ALIBABA_CLOUD_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: FAKE_ACCESS_KEY_SECRET },
        });
        child.on('close', resolve);
      });
      expect(sarifRun).toBe(1);
      const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
      const located = sarif.runs.flatMap((run) => run.results).map((res) => `${res.ruleId} ${res.locations[0]!.physicalLocation.artifactLocation.uri}:${res.locations[0]!.physicalLocation.region.startLine}`);
      expect(located).toContain('instance-type-cannot-join .terway-lint.yaml:9');
      expect(located).toContain('host-published-port deploy/docker-compose.yml:8');
      expect(cloud.calls.some((c) => c.action === 'DescribeClustersV1')).toBe(false);
    } finally {
      await cloud.close();
    }
  });
});

describe('the incident from live calls: cloud APIs, each cluster\'s Kubernetes API and the compose file', () => {
  it('finds exactly the incident\'s errors, like the bundled snapshot', async () => {
    const scenario = scenarioFromSnapshot(seed);
    try {
      await withCloud(
        {},
        async (endpoints) => {
          const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
            const child = spawn(
              process.execPath,
              [join(root, 'dist/cli.js'), ...(process.env.DBG ? ['collect'] : []), ...endpoints, ...pair, '--compose', 'fixtures/compose/redis/docker-compose.yml@i-bp1tapp000001', ...(process.env.DBG ? [] : ['--format', 'json'])],
              {
                cwd: root,
                env: { PATH: process.env.PATH ?? '', HOME: mkdtempSync(join(tmpdir(), 'home-')), ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ALIBABA_CLOUD_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: FAKE_ACCESS_KEY_SECRET },
              },
            );
            let stdout = '';
            let stderr = '';
            child.stdout.on('data', (d) => (stdout += d));
            child.stderr.on('data', (d) => (stderr += d));
            child.on('close', (code) => done({ code, stdout, stderr }));
          });
          if (process.env.DBG) console.log(JSON.stringify(JSON.parse(r.stdout).errors, null, 1));
          expect(r.stderr).toBe('');
          expect(r.code).toBe(1);
          const result = JSON.parse(r.stdout) as { findings: { severity: string; ruleId: string; target: { id: string } }[]; outcomes: { status: string; ruleId: string }[] };
          void 0;
          expect(result.findings.filter((f) => f.severity === "error").map((f) => `${f.ruleId} ${f.target.id}`)).toEqual([
            'host-published-port fixtures/compose/redis/docker-compose.yml#redis/6379/tcp',
            'instance-type-cannot-join np-tw-web/ecs.g6.large',
            'node-pool-capacity-below-demand np-tw-app/ecs.c6.xlarge',
            'pod-vswitch-without-snat vsw-bp1podh20002',
          ]);
          expect(result.outcomes.filter((o) => o.status === 'not-evaluated').map((o) => o.ruleId)).toEqual([]);
        },
        scenario,
      );
    } finally {
      // the fake Kubernetes APIs are closed by withCloud
    }
  }, 120_000);
});

describe('opt-in node inspection', () => {
  it('--inspect-nodes asks Cloud Assistant; a node it does not know is a gap for that node\'s cluster', async () => {
    await withCloud({}, async (endpoints, cloud) => {
      const r = await cli([...endpoints, ...pair, '--inspect-nodes', '--format', 'json']);
      expect(r.stderr).toBe('');
      const result = JSON.parse(r.stdout) as { outcomes: { ruleId: string; clusterId: string; status: string; reasons: { en: string }[] }[] };
      const hostRule = result.outcomes.find((o) => o.ruleId === 'host-published-port')!;
      expect(hostRule.status).toBe('not-evaluated');
      expect(hostRule.reasons.map((x) => x.en).join(' ')).toMatch(/node cn-hangzhou\.\S+ \(i-\w+\) was not inspected \(ecs\.DescribeCloudAssistantStatus not-found/);
      expect(cloud.calls.some((c) => c.action === 'DescribeCloudAssistantStatus')).toBe(true);
      // never run without the flag
    });
    await withCloud({}, async (endpoints, cloud) => {
      await cli([...endpoints, ...pair, '--format', 'json']);
      expect(cloud.calls.some((c) => c.action === 'RunCommand' || c.action === 'DescribeCloudAssistantStatus')).toBe(false);
    });
  }, 120_000);

  it('iam-policy --inspect-nodes adds the Cloud Assistant actions as their own statement', async () => {
    const plain = JSON.parse((await cli(['iam-policy'])).stdout) as { Statement: { Action: string[] }[] };
    const inspect = JSON.parse((await cli(['iam-policy', '--inspect-nodes'])).stdout) as { Statement: { Action: string[] }[] };
    expect(plain.Statement).toHaveLength(1);
    expect(inspect.Statement[1]!.Action).toEqual(['ecs:DescribeCloudAssistantStatus', 'ecs:RunCommand', 'ecs:DescribeInvocationResults']);
  });
});

describe('kubeconfig files are input', () => {
  it('one that does not parse, or points nowhere, is exit 2 naming the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'broken.yaml'), 'clusters: [\n');
    writeFileSync(join(dir, 'nowhere.yaml'), 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n');
    for (const [file, why] of [['broken.yaml', /not a kubeconfig \(it does not parse\)|points nowhere/], ['nowhere.yaml', /points nowhere/], ['missing.yaml', /no such kubeconfig file/]] as const) {
      const r = await cli(['--region', 'cn-hangzhou', '--cluster', 'c-terway00shop01', '--kubeconfig', join(dir, file)]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(why);
    }
  });
});
