/** The Microsoft SARIF Multitool with GitHub's rules (`validate --rule-kind "Sarif;Gh"`), offline. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
/** Path of the native multitool for this platform (what the package's `bin.js` would spawn). */
export const MULTITOOL = require('@microsoft/sarif-multitool') as string;
/** Disables SARIF2006, the one rule that goes to the network. */
const OFFLINE_CONFIG = fileURLToPath(new URL('../fixtures/sarif/multitool-offline.xml', import.meta.url));

export type Levels = Record<'error' | 'warning' | 'note', string[]>;
export const emptyLevels = (): Levels => ({ error: [], warning: [], note: [] });

/** Validates the files (absolute paths) in one run; returns the rule ids it reported, by file name and level. */
export function multitoolLevels(paths: string[], output: string): Map<string, Levels> {
  const files = paths.map((p) => basename(p));
  const run = spawnSync(
    MULTITOOL,
    [
      'validate',
      ...paths,
      '--rule-kind',
      'Sarif;Gh',
      '--level',
      'Error;Warning;Note',
      '--config',
      OFFLINE_CONFIG,
      '--output',
      output,
      '--log',
      'ForceOverwrite',
    ],
    {
      encoding: 'utf8',
      timeout: 120_000,
      // Runs without libicu too; no telemetry.
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    },
  );
  expect(run.error, `spawn ${MULTITOOL}`).toBeUndefined();
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

  const log = JSON.parse(readFileSync(output, 'utf8')) as {
    runs: {
      results?: {
        ruleId: string;
        level?: string;
        locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
      }[];
      invocations?: {
        executionSuccessful: boolean;
        toolExecutionNotifications?: { level?: string; message: { text?: string } }[];
        toolConfigurationNotifications?: { level?: string; message: { text?: string } }[];
      }[];
    }[];
  };
  const invocation = log.runs[0]?.invocations?.[0];
  expect(invocation?.executionSuccessful).toBe(true);
  const notifications = [...(invocation?.toolExecutionNotifications ?? []), ...(invocation?.toolConfigurationNotifications ?? [])];
  expect(notifications.filter((n) => n.level === 'error').map((n) => n.message.text)).toEqual([]);

  const byFile = new Map<string, Levels>();
  for (const r of log.runs.flatMap((run) => run.results ?? [])) {
    const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
    const file = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
    expect(files, `result ${r.ruleId} on ${uri}`).toContain(file);
    const levels = byFile.get(file) ?? byFile.set(file, emptyLevels()).get(file)!;
    // SARIF's default level is warning.
    const level = r.level === 'error' || r.level === 'note' ? r.level : r.level === 'none' ? 'note' : 'warning';
    levels[level].push(r.ruleId);
  }
  return byFile;
}
