import type { SectionName, Snapshot } from '../snapshot/types.js';
import type { SnapshotIndex } from './snapshot-index.js';
import type { Subject } from './subjects.js';
import type { SuppressionState } from '../rules/suppress.js';

/** What a lint knows beyond the snapshot: the config's suppressions and, after the first phase, their use. */
export interface LintState {
  suppressions: SuppressionState[];
  /** The subjects of this lint, sorted (the first one carries config-level findings). */
  subjectIds: string[];
  /** Subject id → the Flannel source it replaces. */
  sourceOf?: Record<string, string>;
}

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];
/** Text in every supported language. */
export type Localized = Record<Lang, string>;

export interface Target {
  kind: string;
  id: string;
  name?: string;
}

/** Where a finding about an item points: a source file line when there is one, else the snapshot entity. */
export interface ItemLocation {
  /** JSON pointer of the entity in the snapshot file, e.g. /vswitches/3. */
  snapshotPointer?: string;
  /** Line of that entity in the snapshot file, recorded by the CLI so saved results keep it. */
  snapshotLine?: number;
  file?: string;
  line?: number;
}

/** One thing a rule looks at: the fields CEL sees, plus what the finding is about and where. */
export interface ModelItem {
  fields: Record<string, unknown>;
  target: Target;
  location: ItemLocation;
}

export type CollectionResult =
  | { kind: 'items'; items: ModelItem[]; /** Data missing for some items: never reported as passed. */ gaps: Localized[] }
  | { kind: 'not-applicable'; reason: Localized };

/** CEL field types of an item: 'string', 'int', 'bool', 'list<string>', or a nested object. */
export type CelSchema = { [field: string]: string | CelSchema };

export type Applicability =
  | { kind: 'applicable' }
  | { kind: 'not-applicable'; reason: Localized }
  /** The cluster's facts do not say (e.g. network plugin unknown): the rule is not evaluated. */
  | { kind: 'unknown'; reason: Localized };

/** A model collection that rules iterate with `for:`. */
export interface CollectionDef {
  name: string;
  description: string;
  /** Snapshot sections it reads; a rule over it needs at least these. */
  sections: readonly SectionName[];
  schema: CelSchema;
  /**
   * Decided from the subject's cluster alone, before any other section is looked at, so that e.g. a
   * Flannel cluster is "not applicable" for pod-vSwitch rules even when eni-config was not collected.
   */
  applicability?(subject: Subject, state?: LintState): Applicability;
  /**
   * 'after-findings': built after every other rule ran and suppressions were applied, so it can
   * describe the findings themselves (e.g. which suppressions matched).
   */
  phase?: 'after-findings';
  build(subject: Subject, index: SnapshotIndex, snapshot: Snapshot, state?: LintState): CollectionResult;
}
